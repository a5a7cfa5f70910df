export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  baseline?: number | null;
  ratio?: number | null;
}
export interface BenchResult {
  id: string;
  title: string;
  command: string;
  method: string;
  figures: Figure[];
  notes: string[];
  environment?: Record<string, string>;
}
export declare function figure(
  name: string,
  value: number | null,
  unit: string,
  baseline?: number | null,
): Figure;
export declare function stats(samples: number[]): {
  median: number | null;
  p95: number | null;
  max: number | null;
};
export declare function isMain(url: string): boolean;
export declare function formatValue(value: number | null | undefined, unit: string): string;
export declare function figuresTable(figures: Figure[]): string;
export declare function printResult(result: BenchResult): void;
