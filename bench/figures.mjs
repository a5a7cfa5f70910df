// What every benchmark returns, and how one run alone prints it. `npm run bench` (bench/run.mjs)
// gathers these results into bench/results.json; bench/report.mjs turns that into the README's
// performance section.
import { pathToFileURL } from 'node:url';

/**
 * One measured figure. `baseline` and `ratio` (value / baseline, lower is better for Roster)
 * only where the bench measures a baseline; null where a case could not be measured.
 * @typedef {{ name: string, value: number | null, unit: string, baseline?: number | null, ratio?: number | null }} Figure
 */

/**
 * One benchmark's outcome: what it is (`title`, how it measures: `method`), the command that runs
 * it alone, its figures and notes, and facts about its environment (e.g. the browser version).
 * @typedef {{ id: string, title: string, command: string, method: string, figures: Figure[], notes: string[], environment?: Record<string, string> }} BenchResult
 */

const round = (value, digits) => (value === null ? null : Number(value.toFixed(digits)));

/**
 * A figure rounded for reading (two decimals; ratios three significant digits), with its ratio to `baseline` when
 * one is given (null when either side is missing or the baseline is 0).
 * @param {string} name
 * @param {number | null} value
 * @param {string} unit
 * @param {number | null} [baseline] leave out when the bench has no baseline for this figure
 * @returns {Figure}
 */
export function figure(name, value, unit, baseline) {
  const entry = { name, value: round(value, 2), unit };
  if (baseline === undefined) return entry;
  const ratio = value === null || baseline === null || baseline === 0 ? null : value / baseline;
  return {
    ...entry,
    baseline: round(baseline, 2),
    ratio: ratio === null ? null : Number(ratio.toPrecision(3)),
  };
}

/**
 * Median, 95th percentile and maximum of timing samples (nearest rank); null each when there
 * are none.
 * @param {number[]} samples
 * @returns {{ median: number | null, p95: number | null, max: number | null }}
 */
export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? null };
}

/** Whether the module at `url` is the script node was started with (a bench run alone). */
export function isMain(url) {
  return process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href;
}

/** `12.3 ms`, `1,700 nodes`, `n/a`. */
export function formatValue(value, unit) {
  if (value === null || value === undefined) return 'n/a';
  const number = value.toLocaleString('en', {
    maximumFractionDigits: Math.abs(value) < 100 ? 2 : 1,
  });
  return unit ? `${number} ${unit}` : number;
}

/** The figures as a Markdown table (baseline and ratio columns only when some figure has them). */
export function figuresTable(figures) {
  const withBaseline = figures.some((f) => f.baseline !== undefined);
  const head = withBaseline ? ['figure', 'value', 'baseline', 'ratio'] : ['figure', 'value'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const f of figures) {
    const cells = [f.name, formatValue(f.value, f.unit)];
    if (withBaseline)
      cells.push(
        f.baseline === undefined ? '' : formatValue(f.baseline, f.unit),
        f.ratio === undefined || f.ratio === null ? '' : f.ratio.toPrecision(2),
      );
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Prints one bench's result for a person (the run-alone output). */
export function printResult(result) {
  console.log(`\n${result.title}\n\n${figuresTable(result.figures)}\n`);
  for (const note of result.notes) console.log(`- ${note}`);
  console.log(`\n${result.method}\ncommand: ${result.command}`);
}
