// Percentiles of measured times and the table the bench scripts print them in.

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/** Milliseconds, right-aligned in 8 characters. */
export const ms = (value: number) => (Number.isNaN(value) ? "—" : value < 10 ? value.toFixed(2) : value.toFixed(1)).padStart(8);

/** One line per group: count, p50, p95, p99 and max in milliseconds. */
export function printTable(title: string, groups: Map<string, number[]>) {
  console.log(`\n${title}`);
  console.log(`${"".padEnd(34)}${"n".padStart(5)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"max ms".padStart(9)}`);
  for (const [label, times] of groups) {
    const s = summary(times);
    console.log(`${label.padEnd(34)}${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${ms(s.max)}`);
  }
}
