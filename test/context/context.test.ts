import { ContextConsumer, ContextEvent, ContextProvider } from '@lit/context';
import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import {
  RosterController,
  RosterProvider,
  configure,
  getDefaults,
  resetSharedStores,
  resolveStore,
  rosterStoreContext,
} from '../../src/context/index.js';
import { RosterElement } from '../../src/elements/roster-element.js';
import { createRosterStore, loadAll } from '../../src/store/index.js';
import { fakeFetch, json } from '../api/fake-fetch.js';
import type { Call } from '../api/fake-fetch.js';

/** A minimal Roster-like element: renders the number of rows of its store. */
class RowCount extends RosterElement {
  readonly roster = new RosterController(this, { select: (store) => [store.$order] });
  override render() {
    return html`${this.roster.store?.$order.get().length ?? 'none'}`;
  }
}
/** An element that loads its store's data as the real elements do (one controller, no view). */
class LoadingRowCount extends RosterElement {
  readonly roster = new RosterController(this, { select: () => [], load: true });
}
if (!customElements.get('test-loading-row-count'))
  customElements.define('test-loading-row-count', LoadingRowCount);
if (!customElements.get('roster-provider'))
  customElements.define('roster-provider', RosterProvider);
if (!customElements.get('test-row-count')) customElements.define('test-row-count', RowCount);

let calls: Call[] = [];

beforeEach(async () => {
  resetSharedStores();
  const fake = fakeFetch(() => json({ items: [], nextCursor: null, total: 0 }));
  calls = fake.calls;
  await configure({ fetch: fake.fetch, getHeaders: undefined, baseUrl: undefined });
});

describe('<roster-provider> and resolveStore', () => {
  it('hands its store to elements beneath it, across shadow roots', async () => {
    const provider = await fixture<RosterProvider>(html`
      <roster-provider base-url="/api/v1"
        ><div><test-row-count></test-row-count></div
      ></roster-provider>
    `);
    const inner = provider.querySelector<RowCount>('test-row-count')!;
    expect(inner.roster.store).to.equal(provider.currentStore);
    expect(provider.currentStore!.client.baseUrl).to.equal(
      new URL('/api/v1/', document.baseURI).href,
    );
  });

  it('uses a store given as a property', async () => {
    const store = createRosterStore({ baseUrl: 'https://other.test/v2' });
    const provider = await fixture<RosterProvider>(html`
      <roster-provider .store=${store}><test-row-count></test-row-count></roster-provider>
    `);
    expect(provider.querySelector<RowCount>('test-row-count')!.roster.store).to.equal(store);
  });

  it('gives two loose elements pointing at one API one shared store', async () => {
    // fixtureSync: a plain <div> would make fixture() wait for a frame (slow in a background tab).
    const wrapper = fixtureSync(html`
      <div>
        <test-row-count base-url="https://api.example.test/v1"></test-row-count>
        <test-row-count base-url="https://api.example.test/v1/"></test-row-count>
        <test-row-count base-url="https://elsewhere.test/v1"></test-row-count>
      </div>
    `);
    const [first, second, third] = [...wrapper.querySelectorAll<RowCount>('test-row-count')];
    await Promise.all([first, second, third].map((element) => element!.updateComplete));
    expect(first!.roster.store).to.exist;
    expect(first!.roster.store).to.equal(second!.roster.store);
    expect(third!.roster.store).not.to.equal(first!.roster.store);
  });

  it('re-renders an element when its selected stores change', async () => {
    const element = await fixture<RowCount>(
      html`<test-row-count base-url="https://api.example.test/v1"></test-row-count>`,
    );
    expect(element.shadowRoot!.textContent).to.equal('0');
    element.roster.store!.$order.set(['a', 'b']);
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('2');
  });

  it('falls back to the page defaults of configure()', async () => {
    await configure({
      baseUrl: 'https://defaults.test/api',
      getHeaders: () => ({ Authorization: 'Bearer page' }),
    });
    const element = await fixture<RowCount>(html`<test-row-count></test-row-count>`);
    const store = resolveStore(element)!;
    expect(store.client.baseUrl).to.equal('https://defaults.test/api/');
    await loadAll(store).catch(() => undefined);
    expect(calls.length).to.be.greaterThan(0);
    expect(calls.every((call) => call.headers.get('Authorization') === 'Bearer page')).to.equal(
      true,
    );
    expect(getDefaults().baseUrl).to.equal('https://defaults.test/api');
  });

  it("uses the element's own getHeaders, and never puts it in a URL", async () => {
    const element = await fixture<RowCount>(
      html`<test-row-count
        base-url="https://api.example.test/v1"
        .getHeaders=${async () => ({ Authorization: 'Bearer mine' })}
      ></test-row-count>`,
    );
    await loadAll(element.roster.store!).catch(() => undefined);
    expect(calls.every((call) => call.headers.get('Authorization') === 'Bearer mine')).to.equal(
      true,
    );
    expect(calls.every((call) => !call.url.includes('mine'))).to.equal(true);
  });

  describe('cookies (credentials)', () => {
    const credentialsSent = () => [...new Set(calls.map((call) => call.credentials))];

    it('sends same-origin cookies only, by default', async () => {
      const element = await fixture<RowCount>(
        html`<test-row-count base-url="https://api.example.test/v1"></test-row-count>`,
      );
      await loadAll(element.roster.store!).catch(() => undefined);
      expect(credentialsSent()).to.deep.equal(['same-origin']);
    });

    it('includes cookies on every request after configure({ credentials })', async () => {
      const element = await fixture<RowCount>(
        html`<test-row-count base-url="https://api.example.test/v1"></test-row-count>`,
      );
      // Set after the store was made: it is read at each request.
      await configure({ credentials: 'include' });
      await loadAll(element.roster.store!).catch(() => undefined);
      expect(calls.length).to.be.greaterThan(3);
      expect(credentialsSent()).to.deep.equal(['include']);
      await configure({ credentials: undefined });
    });

    it("takes an element's credentials attribute over the page default", async () => {
      await configure({ credentials: 'omit' });
      const element = await fixture<RowCount>(
        html`<test-row-count
          base-url="https://api.example.test/v1"
          credentials="include"
        ></test-row-count>`,
      );
      await loadAll(element.roster.store!).catch(() => undefined);
      expect(credentialsSent()).to.deep.equal(['include']);
      await configure({ credentials: undefined });
    });

    it("takes a provider's credentials attribute for the elements beneath it", async () => {
      const provider = await fixture<RosterProvider>(html`
        <roster-provider base-url="/api/v1" credentials="include"
          ><test-row-count></test-row-count
        ></roster-provider>
      `);
      await loadAll(provider.currentStore!).catch(() => undefined);
      expect(calls.length).to.be.greaterThan(3);
      expect(credentialsSent()).to.deep.equal(['include']);
    });
  });

  it('has no store when neither a provider nor a base URL says which API', async () => {
    const element = await fixture<RowCount>(html`<test-row-count></test-row-count>`);
    expect(element.roster.store).to.equal(null);
    expect(element.shadowRoot!.textContent).to.equal('none');
  });

  it('hands a provider connected later between them the elements of the one above', async () => {
    const outer = await fixture<RosterProvider>(html`
      <roster-provider base-url="https://outer.test/v1"
        ><div><test-row-count></test-row-count></div
      ></roster-provider>
    `);
    const element = outer.querySelector<RowCount>('test-row-count')!;
    expect(element.roster.store).to.equal(outer.currentStore);
    const inner = document.createElement('roster-provider');
    inner.store = createRosterStore({ baseUrl: 'https://inner.test/v1' });
    const div = outer.querySelector('div')!;
    div.replaceWith(inner);
    inner.append(div);
    expect(element.roster.store).to.equal(inner.store);
    // The outer provider no longer updates it.
    outer.store = createRosterStore({ baseUrl: 'https://outer-next.test/v1' });
    await outer.updateComplete;
    expect(element.roster.store).to.equal(inner.store);
  });

  it('answers the context protocol: a one-off request, and a subscription with updates until it stops', async () => {
    const provider = await fixture<RosterProvider>(html`
      <roster-provider base-url="https://one.test/v1"><span></span></roster-provider>
    `);
    const span = provider.querySelector('span')!;
    let once: unknown;
    span.dispatchEvent(new ContextEvent(rosterStoreContext, span, (store) => (once = store)));
    expect(once).to.equal(provider.currentStore);
    const seen: unknown[] = [];
    let stop: (() => void) | undefined;
    span.dispatchEvent(
      new ContextEvent(
        rosterStoreContext,
        span,
        (store, unsubscribe) => {
          seen.push(store);
          stop = unsubscribe;
        },
        true,
      ),
    );
    const next = createRosterStore({ baseUrl: 'https://two.test/v1' });
    provider.store = next;
    await provider.updateComplete;
    expect(seen).to.deep.equal([once, next]);
    stop!();
    provider.store = createRosterStore({ baseUrl: 'https://three.test/v1' });
    await provider.updateComplete;
    expect(seen).to.have.length(2);
  });

  it("works with a host's @lit/context: its provider's store reaches Roster elements, its consumer gets <roster-provider>'s", async () => {
    const host = await fixture<HTMLDivElement>(html`
      <div>
        <test-row-count></test-row-count
        ><roster-provider base-url="https://one.test/v1"></roster-provider>
      </div>
    `);
    const theirs = createRosterStore({ baseUrl: 'https://theirs.test/v1' });
    const provider = new ContextProvider(host, {
      context: rosterStoreContext,
      initialValue: theirs,
    });
    const element = host.querySelector<RowCount>('test-row-count')!;
    element.remove();
    host.append(element);
    expect(element.roster.store).to.equal(theirs);
    const next = createRosterStore({ baseUrl: 'https://next.test/v1' });
    provider.setValue(next);
    expect(element.roster.store).to.equal(next);
    const ours = host.querySelector('roster-provider')!;
    const consumer = document.createElement('test-row-count') as RowCount;
    const seen = new ContextConsumer(consumer, { context: rosterStoreContext, subscribe: true });
    ours.append(consumer);
    expect(seen.value).to.equal(ours.currentStore);
  });

  it('passes an accessibility check (the provider only renders its slot)', async () => {
    const provider = await fixture<RosterProvider>(
      html`<roster-provider base-url="/api/v1"><p>Users</p></roster-provider>`,
    );
    await expect(provider).to.be.accessible();
  });
});

describe('RosterController', () => {
  it('follows a provider whose store is set after the elements rendered (as frameworks do)', async () => {
    const provider = await fixture<RosterProvider>(html`
      <roster-provider><test-row-count></test-row-count></roster-provider>
    `);
    const element = provider.querySelector<RowCount>('test-row-count')!;
    expect(element.roster.store).to.equal(null);
    const store = createRosterStore({ baseUrl: 'https://late.test/v1' });
    store.$order.set(['x']);
    provider.store = store;
    await provider.updateComplete;
    await element.updateComplete;
    expect(element.roster.store).to.equal(store);
    expect(element.shadowRoot!.textContent).to.equal('1');
  });

  it("prefers the element's own store property to its provider's, and follows changes to it", async () => {
    const own = createRosterStore({ baseUrl: 'https://own.test/v1' });
    own.$order.set(['a', 'b']);
    const provider = await fixture<RosterProvider>(html`
      <roster-provider base-url="/api/v1"
        ><test-row-count .store=${own}></test-row-count
      ></roster-provider>
    `);
    const element = provider.querySelector<RowCount>('test-row-count')!;
    expect(element.roster.store).to.equal(own);
    expect(resolveStore(element)).to.equal(own);
    expect(element.shadowRoot!.textContent).to.equal('2');
    const next = createRosterStore({ baseUrl: 'https://next.test/v1' });
    element.store = next;
    await element.updateComplete;
    expect(element.roster.store).to.equal(next);
    element.store = undefined;
    await element.updateComplete;
    expect(element.roster.store).to.equal(provider.currentStore);
  });

  it('finds its store when configure() comes after the element is on the page', async () => {
    await configure({ baseUrl: undefined });
    const element = await fixture<RowCount>(html`<test-row-count></test-row-count>`);
    expect(element.roster.store).to.equal(null);
    expect(element.shadowRoot!.textContent).to.equal('none');
    await configure({ baseUrl: 'https://late-config.test/v1' });
    await element.updateComplete;
    expect(element.roster.store!.client.baseUrl).to.equal('https://late-config.test/v1/');
    expect(element.shadowRoot!.textContent).to.equal('0');
  });

  it('sends its first requests with a getHeaders set just after it connected (as Angular does)', async () => {
    await configure({ baseUrl: 'https://late-headers.test/v1' });
    const element = document.createElement('test-loading-row-count') as LoadingRowCount;
    document.body.append(element);
    // In the same task, as a framework's binding pass sets it.
    element.getHeaders = () => ({ Authorization: 'Bearer late' });
    await element.updateComplete;
    await waitUntil(() => calls.length >= 3, 'the first requests');
    expect(calls.map((call) => call.headers.get('Authorization'))).to.deep.equal(
      calls.map(() => 'Bearer late'),
    );
    element.remove();
  });

  it('switches stores when the element is given another base-url', async () => {
    const element = await fixture<RowCount>(
      html`<test-row-count base-url="https://one.test/v1"></test-row-count>`,
    );
    const first = element.roster.store;
    element.baseUrl = 'https://two.test/v1';
    await element.updateComplete;
    expect(element.roster.store).not.to.equal(first);
    expect(element.roster.store!.client.baseUrl).to.equal('https://two.test/v1/');
  });
});
