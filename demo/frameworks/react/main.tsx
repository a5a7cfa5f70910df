// Roster in React 19: properties (`getHeaders`) and custom events (`onroster-invite`) work
// natively. The mock server runs in the page, so no backend is needed.
import '../../../src/define.js';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from '../../../src/context/index.js';
import { createMockServer } from '../../../src/mock/index.js';
import type { RosterActionEvent, RosterErrorEvent } from '../../../src/events.js';

const server = createMockServer({ preset: 'all' });
const baseUrl = `${location.origin}/api/v1`;
await configure({ baseUrl, fetch: server.fetch });

function App() {
  const [last, setLast] = useState('none');
  return (
    <main>
      <p id="last-event">Last event: {last}</p>
      <users-table
        base-url={baseUrl}
        getHeaders={() => ({ Authorization: 'Bearer owner' })}
        onroster-invite={(event: RosterActionEvent<'invite'>) =>
          setLast(`roster-invite ${event.detail.users.map((user) => user.email).join(', ')}`)
        }
        onroster-error={(event: RosterErrorEvent) => setLast(`roster-error ${event.message}`)}
      ></users-table>
    </main>
  );
}

createRoot(document.querySelector('#root')!).render(<App />);
