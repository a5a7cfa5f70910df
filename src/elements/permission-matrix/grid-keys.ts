import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Arrow key → [rows, columns] to move (columns in reading order: flipped in RTL). */
const STEPS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/**
 * Roving tabindex over a grid of controls marked `data-r` / `data-c` (row, column): one tab
 * stop (set after each update: the cell last focused, else the first), arrows move between
 * cells (skipping holes), Home/End to the ends of a row, Ctrl+Home/End to the first and last
 * cell; Space is the control's own (a checkbox toggles).
 */
export class GridKeys implements ReactiveController {
  /** The cell holding the tab stop. */
  #at = '';

  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const cells = this.#cells();
    const stop = cells.find((cell) => keyOf(cell) === this.#at) ?? cells[0];
    for (const cell of cells) cell.tabIndex = cell === stop ? 0 : -1;
  }

  readonly handleFocus = (event: FocusEvent): void => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (cell && keyOf(cell) !== this.#at) {
      this.#at = keyOf(cell);
      this.#host.requestUpdate();
    }
  };

  readonly handleKey = (event: KeyboardEvent): void => {
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (!from || event.altKey || event.metaKey) return;
    const cells = this.#cells();
    const [r, c] = pos(from);
    let next: HTMLElement | undefined;
    if (event.key === 'Home' || event.key === 'End') {
      const pool = event.ctrlKey ? cells : cells.filter((cell) => pos(cell)[0] === r);
      next = event.key === 'Home' ? pool[0] : pool.at(-1);
    } else {
      const step = STEPS[event.key];
      if (!step || event.ctrlKey) return;
      const [dr, dc] = step;
      const flip = dc !== 0 && this.#host.matches(':dir(rtl)') ? -1 : 1;
      for (let n = 1; n <= cells.length && !next; n++) {
        next = cells.find((cell) => keyOf(cell) === `${r + dr * n},${c + dc * n * flip}`);
      }
    }
    event.preventDefault();
    if (!next) return;
    this.#at = keyOf(next);
    this.#host.requestUpdate();
    next.focus();
  };

  #cells(): HTMLElement[] {
    return [...(this.#host.shadowRoot?.querySelectorAll<HTMLElement>('[data-r]') ?? [])];
  }
}

const pos = (cell: HTMLElement): [number, number] => [
  Number(cell.dataset.r),
  Number(cell.dataset.c),
];
const keyOf = (cell: HTMLElement): string => pos(cell).join(',');
