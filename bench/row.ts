/** One line of the benchmark's table: a figure, its unit, the baseline measured beside it in the same run, and its goal. */
export interface Row {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  goal?: string;
}
