// Roster in Angular: a standalone component compiled ahead of time (the JIT compiler would
// need `unsafe-eval`), zoneless. CUSTOM_ELEMENTS_SCHEMA lets the template name <users-table>;
// `[getHeaders]` sets the property (typed by ./users-table.ts) and `(roster-invite)` listens
// to the event. Angular sets properties just after the element is on the page; the table
// takes them before its first request, so the page default's base URL is enough.
// The mock server runs in the page, so no backend is needed.
import '../../../src/define.js';
import {
  CUSTOM_ELEMENTS_SCHEMA,
  Component,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { UsersTableProperties } from './users-table.js';
import { configure } from '../../../src/context/index.js';
import type { HeadersGetter } from '../../../src/context/index.js';
import { createMockServer } from '../../../src/mock/index.js';
import type { RosterActionEvent, RosterErrorEvent } from '../../../src/events.js';

const server = createMockServer({ preset: 'all' });
await configure({ fetch: server.fetch, baseUrl: '/api/v1' });

@Component({
  selector: 'roster-angular-app',
  imports: [UsersTableProperties],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <p id="last-event">Last event: {{ last() }}</p>
      <users-table
        [getHeaders]="getHeaders"
        (roster-invite)="onInvite($event)"
        (roster-error)="onError($event)"
      ></users-table>
    </main>
  `,
})
class App {
  readonly last = signal('none');
  readonly getHeaders: HeadersGetter = () => ({ Authorization: 'Bearer owner' });

  onInvite(event: RosterActionEvent<'invite'>): void {
    this.last.set(`roster-invite ${event.detail.users.map((user) => user.email).join(', ')}`);
  }

  onError(event: RosterErrorEvent): void {
    this.last.set(`roster-error ${event.message}`);
  }
}

await bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] });
