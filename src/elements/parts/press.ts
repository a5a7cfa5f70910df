/**
 * What a blur changes (typed text turned into a chip, a list closed) moves what lies below
 * it. Done during the press that took the focus, the release lands elsewhere than the press
 * and its click (on Send, say) is lost; so such a change waits for the press to be over.
 */

/**
 * Watches mouse presses in `host` (a touch's tap comes as one too) and gives a function that
 * runs `fn` a task after the press is over (after its click), or at once when there is none.
 */
export function afterPress(host: HTMLElement): (fn: () => void) => void {
  let waiting: (() => void)[] | null = null;
  host.addEventListener('mousedown', () => {
    if (waiting) return;
    const run: (() => void)[] = (waiting = []);
    // A press ended by a drag has no mouseup: the next release runs them.
    const release = () =>
      setTimeout(() => {
        waiting = null;
        run.forEach((fn) => fn());
      });
    addEventListener('mouseup', release, { capture: true, once: true });
  });
  return (fn) => (waiting ? waiting.push(fn) : fn());
}
