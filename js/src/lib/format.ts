// Number formatting shared by every widget.

/** Three significant digits, no exponent between 1e-3 and 1e6, "0" for zero. */
export function formatValue(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs < 1e-3 || abs >= 1e6) return x.toExponential(2).replace("-", "−");
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return x.toFixed(digits).replace("-", "−");
}

/** A fraction as a percentage with two significant digits ("0.012%"). */
export function formatPercent(fraction: number): string {
  if (fraction === 0) return "0%";
  return `${formatValue(fraction * 100)}%`;
}

/** A count with thousands separators and the noun in the right number: "1 pair", "12,345 pairs". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}

/** One per-feature column as saewidgets/widgets/_columns.py describes it. */
export interface ColumnSpec {
  name: string;
  label: string;
  help: string;
  format: string;
  axis: boolean;
  card: boolean;
}

/** A column's value in its format ("percent", "int", else three significant digits). */
export function formatColumn(format: string, x: number): string {
  if (!Number.isFinite(x)) return formatValue(x);
  if (format === "percent") return formatPercent(x);
  if (format === "int") return Math.round(x).toLocaleString("en-US");
  return formatValue(x);
}
