/**
 * Hostile strings for element tests: markup, script, very long, right-to-left, zero-width
 * and emoji text. Each must render as the same text, execute nothing and keep the layout.
 */
export const hostileStrings = {
  markup: '<img src=x onerror="window.__rosterPwned=1"><b>bold</b>',
  script: '<script>window.__rosterPwned=1</script>',
  attribute: '" autofocus onfocus="window.__rosterPwned=1" x="',
  long: 'W'.repeat(10_000),
  rtl: 'مرحبا بالعالم שלום',
  bidiOverride: '\u202Eevil\u202C.exe',
  zeroWidth: 'a\u200Bb\u200Cc\u200Dd\uFEFF',
  emoji: '👩🏽‍💻 Zoë 🇩🇪 🧑‍🤝‍🧑',
} as const;

/** Whether any hostile string managed to run script. */
export function pwned(): boolean {
  return (window as { __rosterPwned?: unknown }).__rosterPwned !== undefined;
}
