/**
 * WCAG contrast of computed colours, for the tests that pin the parts' colours.
 */

const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;

/**
 * Any absolute CSS colour (`oklab()`, `lch()`, `color(…)`, named…) as `rgb(r, g, b)`, the
 * sRGB pixel it paints on a canvas.
 */
export function painted(color: string): string {
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = color;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The colour a private token (`--_r-<name>`) resolves to inside `el` (in its shadow root when
 * it has one), as `rgb(…)`: tokens hold `light-dark()` pairs and relative colours, which only
 * an element's computed style resolves.
 */
export function tokenColor(el: Element, name: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(--_r-${name})`;
  (el.shadowRoot ?? el).append(probe);
  const color = painted(getComputedStyle(probe).color);
  probe.remove();
  return color;
}

/**
 * `rgb(…)`/`rgba(…)`, `color(srgb …)` or `#rrggbb` as [r, g, b] in 0–255, any other colour
 * through {@link painted} (alpha ignored: opaque colours only).
 */
export function parseColor(color: string): [number, number, number] {
  const value = color.trim();
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i]!, 16)) as [number, number, number];
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(value);
  if (srgb) return [1, 2, 3].map((i) => Number(srgb[i]) * 255) as [number, number, number];
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(value);
  if (!rgb) return parseColor(painted(value));
  return [1, 2, 3].map((i) => Number(rgb[i])) as [number, number, number];
}

/** Relative luminance (WCAG 2). */
export function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, 1–21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Hue (degrees), saturation and lightness (0–1) in HSL. */
export function hsl(color: string): { hue: number; saturation: number; lightness: number } {
  const [r, g, b] = parseColor(color).map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const l = (max + min) / 2;
  const saturation = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  let hue = 0;
  if (d !== 0) hue = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: (hue * 60 + 360) % 360, saturation, lightness: l };
}

/**
 * A host's own dark palette, as a host in dark mode sets it: its colours, and the scheme, so
 * the derived colours (the ink, light-dark() defaults) are the dark ones.
 * The avatar tones, their text and the online colour stay: they pair with each other, not with
 * the page.
 */
export const darkTokens: Record<string, string> = {
  '--roster-color-scheme': 'dark',
  '--roster-color-surface': '#111827',
  '--roster-color-surface-alt': '#1f2937',
  '--roster-color-surface-raised': '#1f2937',
  '--roster-color-text': '#f3f4f6',
  '--roster-color-text-muted': '#9ca3af',
  '--roster-color-border': '#374151',
  '--roster-color-accent': '#3b82f6',
  '--roster-color-accent-text': '#111827',
  '--roster-color-danger': '#f87171',
  '--roster-color-danger-text': '#111827',
  '--roster-color-warning': '#fbbf24',
  '--roster-color-success': '#4ade80',
  '--roster-color-focus': '#60a5fa',
};

/** The default (light) tokens and {@link darkTokens}, by name, for tests that check both. */
export const palettes: [string, Record<string, string>][] = [
  ['light', {}],
  ['dark', darkTokens],
];

/** Sets `tokens` on `host`'s inline style, as a host page themes Roster. */
export function applyTokens(host: HTMLElement, tokens: Record<string, string>): void {
  for (const [name, value] of Object.entries(tokens)) host.style.setProperty(name, value);
}
