/**
 * What `console.error` printed during each test of the calling suite, one line per call; the
 * real `console.error` is back after each test.
 */
export function recordConsoleErrors(): { lines: string[] } {
  const record = { lines: [] as string[] };
  let original: typeof console.error;
  beforeEach(() => {
    original = console.error;
    record.lines = [];
    console.error = (...args: unknown[]) => record.lines.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.error = original;
  });
  return record;
}
