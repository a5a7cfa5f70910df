/**
 * Live updates: a ref-counted event stream per store that patches the store in place.
 * A presence change replaces one user object (the order is untouched); `user.created`
 * joins the view by the rule of `insertUser`; `user.updated` replaces a shown user;
 * `user.removed` leaves the view; `seats` updates the workspace; `template.created` /
 * `template.updated` put the template into `$templates` (a rename shows wherever a template is
 * named), `template.removed` takes it out; `resync` (or a reconnect that could not replay)
 * refetches the actor, the workspace, the current view and the templates.
 */
import { openEventStream } from '../api/events.js';
import type { EventStream } from '../api/events.js';
import type { LiveEvent } from '../api/types.js';
import type { RosterStore } from './store.js';
import { dropTemplate, loadTemplates, upsertTemplate } from './templates.js';
import { refresh } from './users.js';
import { insertUser, removeUser, replaceUser } from './view.js';

interface LiveHandle {
  users: number;
  stream: EventStream;
}
const handles = new WeakMap<RosterStore, LiveHandle>();

/**
 * Starts live updates for one more consumer (an element that needs them). The stream
 * opens on the first call; later calls only count. Pair each call with {@link stopLive}.
 */
export function startLive(store: RosterStore): void {
  const handle = handles.get(store);
  if (handle) {
    handle.users += 1;
    return;
  }
  // Failures are surfaced by refresh and loadTemplates themselves.
  const resync = () => {
    void refresh(store).catch(() => undefined);
    if (store.$workspace.get()?.features.roleTemplates)
      void loadTemplates(store).catch(() => undefined);
  };
  const stream = openEventStream({
    client: store.client,
    backoff: store.liveOptions.backoff,
    maxBackoff: store.liveOptions.maxBackoff,
    onEvent: (event) => (event.type === 'resync' ? resync() : applyEvent(store, event)),
    onGap: resync,
    // Connection failures show as `$live` 'reconnecting' (not as `$error` toasts); it retries.
    onState: (state) => store.$live.set(state),
    onContractError: (error) => store.client.onContractError?.(error),
  });
  handles.set(store, { users: 1, stream });
}

/** Releases one consumer of live updates; the stream closes when none is left. */
export function stopLive(store: RosterStore): void {
  const handle = handles.get(store);
  if (!handle) return;
  handle.users -= 1;
  if (handle.users > 0) return;
  handle.stream.close();
  handles.delete(store);
  store.$live.set('closed');
}

/** Applies one live event to the store (`resync` is handled by the stream's owner). */
export function applyEvent(store: RosterStore, event: LiveEvent): void {
  switch (event.type) {
    case 'presence': {
      const user = store.$users.get()[event.data.userId];
      if (user)
        replaceUser(store, {
          ...user,
          online: event.data.online,
          lastActiveAt: event.data.lastActiveAt,
        });
      break;
    }
    case 'user.created':
      insertUser(store, event.data.user);
      break;
    case 'user.updated':
      replaceUser(store, event.data.user);
      break;
    case 'user.removed':
      removeUser(store, event.data.userId);
      break;
    case 'seats': {
      const workspace = store.$workspace.get();
      if (workspace) store.$workspace.set({ ...workspace, seats: event.data });
      break;
    }
    case 'template.created':
    case 'template.updated':
      upsertTemplate(store, event.data.template);
      break;
    case 'template.removed':
      dropTemplate(store, event.data.templateId);
      break;
    case 'resync':
      break;
  }
}
