// Type-only: <users-table> in React 19's JSX, its properties and Roster's events (`on<event>`,
// which React 19 adds as a listener for the event of that exact name).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { HeadersGetter } from '../../../src/context/index.js';
import type { RosterActionEvent, RosterErrorEvent } from '../../../src/events.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';

type UsersTableProps = DetailedHTMLProps<HTMLAttributes<UsersTable>, UsersTable> & {
  'base-url'?: string;
  getHeaders?: HeadersGetter;
  'onroster-invite'?: (event: RosterActionEvent<'invite'>) => void;
  'onroster-error'?: (event: RosterErrorEvent) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'users-table': UsersTableProps;
    }
  }
}
