// The mock's own side of the demo, through its mock-only endpoints (a real backend has none):
// the workspace's plan and seat limit, the outbox of invitation emails it "sent", and the page
// an invitee sees after opening the link in one of them.
import type { User, Workspace } from '../src/api/types.js';
import type { InvitationDetails, InvitationState, OutboxEmail } from '../src/mock/index.js';
import { loadAll } from '../src/store/index.js';
import type { RosterStore } from '../src/store/index.js';

export interface MockToolsOptions {
  /** The contract's base URL, e.g. `http://127.0.0.1:4010/api/v1`. */
  baseUrl: string;
  /** The fetch that reaches it (the in-page mock's, or the browser's). */
  fetch: typeof fetch;
  /** The page's shared store, reloaded after a workspace change. */
  store: RosterStore;
  /** The plans the workspace may be on (besides the current one, which is always offered). */
  plans: readonly string[];
}

const STATE_WORDS: Record<InvitationState, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  superseded: 'Superseded by a newer email',
  expired: 'Expired',
  revoked: 'Revoked',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Wires the workspace form, the outbox and the acceptance dialog of the page. */
export function mountMockTools(options: MockToolsOptions): void {
  const request = async <T>(path: string, doing: string, init?: RequestInit): Promise<T> => {
    let response: Response;
    try {
      response = await options.fetch(`${options.baseUrl.replace(/\/$/, '')}/mock/${path}`, init);
    } catch (error) {
      throw new Error(`${doing} failed: the server could not be reached (${String(error)}).`, {
        cause: error,
      });
    }
    if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
    throw new Error(await problemWords(response, doing));
  };
  const post = (body: unknown, method = 'POST'): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  // ── the outbox ──────────────────────────────────────────────────────────
  const outbox = document.querySelector<HTMLOListElement>('#outbox')!;
  const outboxStatus = document.querySelector<HTMLElement>('#outbox-status')!;
  let refreshing: Promise<void> | undefined;
  let again = false;
  /** Reads the outbox again (once more after the current read when asked meanwhile). */
  const refreshOutbox = (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        try {
          const { items } = await request<{ items: OutboxEmail[] }>('outbox', 'Reading the outbox');
          renderOutbox(items);
          outboxStatus.textContent =
            items.length === 0
              ? 'No email sent yet: invite someone in the table above.'
              : `${items.length} ${items.length === 1 ? 'email' : 'emails'}, newest first.`;
          outboxStatus.dataset.tone = '';
        } catch (error) {
          outboxStatus.textContent = (error as Error).message;
          outboxStatus.dataset.tone = 'error';
        }
      } while (again);
      refreshing = undefined;
    })();
    return refreshing;
  };

  const renderOutbox = (items: OutboxEmail[]) => {
    const opened = new Set(
      [...outbox.querySelectorAll<HTMLDetailsElement>('details[open]')].map(
        (details) => details.dataset.id,
      ),
    );
    const firstRender = outbox.childElementCount === 0;
    outbox.replaceChildren(
      ...items.map((email, index) => {
        const subjectId = `mail-${email.id}`;
        const actions = element('div', { className: 'buttons' }, [
          button('Open as the invitee', 'open-invitation', email, subjectId),
          ...(email.state === 'pending'
            ? [button('Expire this link', 'expire-invitation', email, subjectId)]
            : []),
        ]);
        const text = element('details', { className: 'mail-text' }, [
          element('summary', { textContent: 'The email' }),
          element('pre', { textContent: email.text }),
        ]);
        text.dataset.id = email.id;
        text.open = opened.has(email.id) || (firstRender && index === 0);
        const item = element('li', { className: 'mail' }, [
          element('article', {}, [
            element('div', { className: 'mail-head' }, [
              element('h4', { id: subjectId, textContent: email.subject }),
              badge(email.state),
            ]),
            details([
              ['To', email.name ? `${email.name} <${email.to}>` : email.to],
              ['Sent', time(email.sentAt)],
              ['Link expires', time(email.expiresAt)],
            ]),
            text,
            actions,
          ]),
        ]);
        item.dataset.state = email.state;
        item.dataset.token = email.token;
        return item;
      }),
    );
  };

  outbox.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const token = target?.dataset.token;
    if (!target || !token) return;
    if (target.dataset.action === 'open-invitation') void openInvitation(token, target);
    else void expire(token, target);
  });

  const expire = async (token: string, target: HTMLButtonElement) => {
    target.disabled = true;
    try {
      await request<void>(`invitations/${encodeURIComponent(token)}/expire`, 'Expiring the link', {
        method: 'POST',
      });
      await refreshOutbox();
      outboxStatus.textContent = 'The link expired: opening it now shows the refusal.';
      outboxStatus.dataset.tone = '';
      focusAction(token, 'open-invitation');
    } catch (error) {
      target.disabled = false;
      outboxStatus.textContent = (error as Error).message;
      outboxStatus.dataset.tone = 'error';
    }
  };

  /** Focuses an email's button after the list was drawn again (its old button is gone). */
  const focusAction = (token: string, action: string) => {
    outbox
      .querySelector<HTMLButtonElement>(
        `li[data-token="${CSS.escape(token)}"] button[data-action="${action}"]`,
      )
      ?.focus();
  };

  // Whatever sends, resends or withdraws an invitation changes the outbox.
  for (const name of ['roster-invite', 'roster-resend-invitation', 'roster-revoke']) {
    document.addEventListener(name, () => void refreshOutbox());
  }
  document.querySelector('#refresh-outbox')!.addEventListener('click', () => void refreshOutbox());

  // ── the invitee's view ──────────────────────────────────────────────────
  const dialog = document.querySelector<HTMLDialogElement>('#accept-dialog')!;
  const acceptForm = document.querySelector<HTMLFormElement>('#accept-form')!;
  const heading = document.querySelector<HTMLElement>('#accept-heading')!;
  const facts = document.querySelector<HTMLDListElement>('#accept-details')!;
  const nameInput = acceptForm.elements.namedItem('name') as HTMLInputElement;
  const acceptButton = document.querySelector<HTMLButtonElement>('#accept-button')!;
  const refusal = document.querySelector<HTMLElement>('#accept-error')!;
  const welcome = document.querySelector<HTMLElement>('#accept-success')!;
  let current: { token: string; opener: HTMLButtonElement } | undefined;
  let busy = false;

  const roleName = (id: string) => options.store.$roles.get().find((r) => r.id === id)?.name ?? id;

  const showInvitation = (invitation: InvitationDetails) => {
    heading.textContent = `Join ${invitation.workspace.name}`;
    facts.replaceChildren(
      ...details([
        ['Workspace', invitation.workspace.name],
        ['Email', invitation.email],
        ['Role', invitation.roleName],
        ['Invited by', invitation.invitedBy ?? 'Someone at the workspace'],
        ['Link expires', time(invitation.expiresAt)],
        ['State', STATE_WORDS[invitation.state]],
      ]).childNodes,
    );
  };

  const openInvitation = async (token: string, opener: HTMLButtonElement) => {
    let invitation: InvitationDetails;
    try {
      invitation = await request<InvitationDetails>(
        `invitations/${encodeURIComponent(token)}`,
        'Opening the invitation',
      );
    } catch (error) {
      outboxStatus.textContent = (error as Error).message;
      outboxStatus.dataset.tone = 'error';
      return;
    }
    current = { token, opener };
    showInvitation(invitation);
    nameInput.value = invitation.name ?? '';
    refusal.textContent = welcome.textContent = '';
    acceptButton.disabled = nameInput.disabled = false;
    dialog.showModal();
    nameInput.focus();
  };

  acceptForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (current && !busy) void accept(current.token);
  });

  const accept = async (token: string) => {
    busy = true;
    acceptButton.disabled = true;
    refusal.textContent = welcome.textContent = '';
    const name = nameInput.value.trim();
    try {
      const { user } = await request<{ user: User }>(
        `invitations/${encodeURIComponent(token)}/accept`,
        'Accepting the invitation',
        post(name ? { name } : {}),
      );
      nameInput.disabled = true;
      welcome.textContent = `Welcome, ${user.name}: you joined as ${roleName(user.role)}. Every open table now shows you as Active.`;
    } catch (error) {
      refusal.textContent = (error as Error).message;
      acceptButton.disabled = false;
    } finally {
      busy = false;
    }
    // The state shown and the outbox follow what happened.
    await Promise.all([
      request<InvitationDetails>(
        `invitations/${encodeURIComponent(token)}`,
        'Reading the invitation',
      )
        .then(showInvitation)
        .catch(() => undefined),
      refreshOutbox(),
    ]);
  };

  dialog.addEventListener('cancel', (event) => {
    if (busy) event.preventDefault();
  });
  document.querySelector('#accept-close')!.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    if (!current) return;
    const { token, opener } = current;
    current = undefined;
    if (opener.isConnected) opener.focus();
    else focusAction(token, 'open-invitation');
  });

  // ── the workspace ───────────────────────────────────────────────────────
  const workspaceForm = document.querySelector<HTMLFormElement>('#workspace-form')!;
  const planSelect = workspaceForm.elements.namedItem('plan') as HTMLSelectElement;
  const limitInput = workspaceForm.elements.namedItem('seatLimit') as HTMLInputElement;
  const applyButton = workspaceForm.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const workspaceStatus = document.querySelector<HTMLElement>('#workspace-status')!;
  // Edited and not applied yet: a live seats event does not overwrite what a person typed.
  let edited = false;
  workspaceForm.addEventListener('input', () => (edited = true));

  const showWorkspace = (workspace: Workspace | null) => {
    if (!workspace) return;
    if (edited) return;
    const plans = [...new Set([...options.plans, workspace.plan])];
    planSelect.replaceChildren(
      ...plans.map((plan) => new Option(plan, plan, false, plan === workspace.plan)),
    );
    limitInput.value = workspace.seats.limit === null ? '' : String(workspace.seats.limit);
  };
  options.store.$workspace.subscribe(showWorkspace);

  workspaceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void applyWorkspace();
  });

  const applyWorkspace = async () => {
    const raw = limitInput.value.trim();
    const seatLimit = raw === '' ? null : Number(raw);
    applyButton.disabled = true;
    workspaceStatus.dataset.tone = '';
    workspaceStatus.textContent = 'Applying…';
    try {
      const workspace = await request<Workspace>(
        'workspace',
        'Changing the workspace',
        post({ plan: planSelect.value, seatLimit }, 'PATCH'),
      );
      edited = false;
      // The elements read the plan and the seats from the store: load it again.
      await loadAll(options.store).catch(() => undefined);
      const limit = workspace.seats.limit;
      workspaceStatus.textContent = `Applied: plan ${workspace.plan}, ${
        limit === null ? 'no seat limit' : `${limit} ${limit === 1 ? 'seat' : 'seats'}`
      } (${workspace.seats.used} in use). The page's store was loaded again.`;
    } catch (error) {
      workspaceStatus.dataset.tone = 'error';
      workspaceStatus.textContent = (error as Error).message;
    } finally {
      applyButton.disabled = false;
    }
  };

  void refreshOutbox();
}

/** The words of a refusal: the problem's `detail` (else its title), or what was being done. */
async function problemWords(response: Response, doing: string): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string };
    if (problem.detail || problem.title) return (problem.detail ?? problem.title)!;
  } catch {
    // Not a problem document: say what failed.
  }
  return `${doing} failed (HTTP ${response.status}).`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Pick<HTMLElement, 'className' | 'id' | 'textContent'>>,
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function button(label: string, action: string, email: OutboxEmail, describedBy: string) {
  const node = element('button', { textContent: label });
  node.type = 'button';
  node.dataset.action = action;
  node.dataset.token = email.token;
  node.setAttribute('aria-describedby', describedBy);
  return node;
}

function badge(state: InvitationState) {
  const node = element('span', { className: 'badge', textContent: STATE_WORDS[state] });
  node.dataset.state = state;
  return node;
}

function time(iso: string): HTMLTimeElement {
  const node = element('time', { textContent: dateTime.format(new Date(iso)) });
  node.dateTime = iso;
  return node;
}

/** A description list of `entries` (term, then its value). */
export function details(entries: [string, string | Node][]): HTMLDListElement {
  return element(
    'dl',
    { className: 'details' },
    entries.flatMap(([term, value]) => [
      element('dt', { textContent: term }),
      element('dd', {}, [value]),
    ]),
  );
}
