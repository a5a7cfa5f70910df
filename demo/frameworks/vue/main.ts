// Roster in Vue 3: a render function (no template compiler, so nothing needs `unsafe-eval`);
// Vue sets `getHeaders` as a property (the element has it) and `onRosterInvite` listens to
// `roster-invite`. The mock server runs in the page, so no backend is needed.
import '../../../src/define.js';
import { createApp, defineComponent, h, ref } from 'vue';
import { configure } from '../../../src/context/index.js';
import type { HeadersGetter } from '../../../src/context/index.js';
import { createMockServer } from '../../../src/mock/index.js';
import type { RosterActionEvent, RosterErrorEvent } from '../../../src/events.js';

/** What this page passes to `<users-table>`: checked by tsc. */
interface UsersTableVueProps {
  'base-url'?: string;
  getHeaders?: HeadersGetter;
  onRosterInvite?: (event: RosterActionEvent<'invite'>) => void;
  onRosterError?: (event: RosterErrorEvent) => void;
}

const server = createMockServer({ preset: 'all' });
const baseUrl = `${location.origin}/api/v1`;
await configure({ baseUrl, fetch: server.fetch });

const App = defineComponent(() => {
  const last = ref('none');
  const props: UsersTableVueProps = {
    'base-url': baseUrl,
    getHeaders: () => ({ Authorization: 'Bearer owner' }),
    onRosterInvite: (event) => {
      last.value = `roster-invite ${event.detail.users.map((user) => user.email).join(', ')}`;
    },
    onRosterError: (event) => {
      last.value = `roster-error ${event.message}`;
    },
  };
  return () =>
    h('main', [h('p', { id: 'last-event' }, `Last event: ${last.value}`), h('users-table', props)]);
});

createApp(App).mount('#app');
