"use client";
// The figures page's charts, where people compare numbers across schools or boards. Drawn in the browser only (SVG,
// no network); the tables beside them carry the same numbers for screen readers and copying.
import { useFormatter } from "next-intl";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartUnit = { name: string; accountsCreated: number; childrenAssociated: number; nipsIssued: number; successPercent: number | null };
export type ChartReason = { label: string; attempts: number };

export type FiguresChartsProps = {
  units: ChartUnit[];
  /** Beyond this many rows a bar chart stops being readable; the table beside it shows them all. */
  maxRows: number;
  reasons: ChartReason[];
  labels: {
    comparison: string;
    comparisonNote: string;
    successRate: string;
    successNote: string;
    reasons: string;
    accountsCreated: string;
    childrenAssociated: string;
    nipsIssued: string;
    successPercent: string;
    attempts: string;
    noData: string;
  };
};

const palette = { accounts: "#0b5cad", children: "#1e7d32", nips: "#8a5a00", rate: "#0b5cad", reasons: "#b3261e" };
const heightFor = (rows: number, barsPerRow: number) => Math.max(160, 48 + rows * (14 * barsPerRow + 14));

/** Room for the names beside the bars: less on a phone, where the bars need the width. Client-only, so window exists. */
function nameAxis() {
  const narrow = typeof window !== "undefined" && window.innerWidth < 640;
  const max = narrow ? 16 : 28;
  return {
    width: narrow ? 110 : 190,
    shorten: (name: string) => (name.length > max ? `${name.slice(0, max - 1)}…` : name),
  };
}

export function FiguresCharts({ units, maxRows, reasons, labels }: FiguresChartsProps) {
  const axis = nameAxis();
  const format = useFormatter();
  const percent = (value: unknown) => format.number(Number(value) / 100, { style: "percent", maximumFractionDigits: 0 });
  const compared = [...units]
    .sort((a, b) => b.childrenAssociated - a.childrenAssociated || b.accountsCreated - a.accountsCreated || a.name.localeCompare(b.name, "fr"))
    .slice(0, maxRows);
  const rated = units
    .filter((u): u is ChartUnit & { successPercent: number } => u.successPercent !== null)
    .sort((a, b) => a.successPercent - b.successPercent || a.name.localeCompare(b.name, "fr"))
    .slice(0, maxRows);

  return (
    <div className="figures-charts">
      <figure className="card chart">
        <figcaption>
          <strong>{labels.comparison}</strong>
          {units.length > maxRows && <span className="muted small"> {labels.comparisonNote}</span>}
        </figcaption>
        {compared.length === 0 ? (
          <p className="muted">{labels.noData}</p>
        ) : (
          <ResponsiveContainer width="100%" height={heightFor(compared.length, 3)}>
            <BarChart data={compared} layout="vertical" margin={{ left: 8, right: 24 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={axis.width} tickFormatter={axis.shorten} interval={0} />
              <Tooltip />
              <Legend />
              <Bar dataKey="accountsCreated" name={labels.accountsCreated} fill={palette.accounts} isAnimationActive={false} maxBarSize={28} />
              <Bar dataKey="childrenAssociated" name={labels.childrenAssociated} fill={palette.children} isAnimationActive={false} maxBarSize={28} />
              <Bar dataKey="nipsIssued" name={labels.nipsIssued} fill={palette.nips} isAnimationActive={false} maxBarSize={28} />
            </BarChart>
          </ResponsiveContainer>
        )}
      </figure>

      <div className="figures-charts-pair">
        <figure className="card chart">
          <figcaption>
            <strong>{labels.successRate}</strong> <span className="muted small">{labels.successNote}</span>
          </figcaption>
          {rated.length === 0 ? (
            <p className="muted">{labels.noData}</p>
          ) : (
            <ResponsiveContainer width="100%" height={heightFor(rated.length, 1)}>
              <BarChart data={rated} layout="vertical" margin={{ left: 8, right: 24 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 100]} tickFormatter={percent} />
                <YAxis type="category" dataKey="name" width={axis.width} tickFormatter={axis.shorten} interval={0} />
                <Tooltip formatter={percent} />
                <Bar dataKey="successPercent" name={labels.successPercent} fill={palette.rate} isAnimationActive={false} maxBarSize={28}>
                  <LabelList dataKey="successPercent" position="right" formatter={percent} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          )}
        </figure>

        <figure className="card chart">
          <figcaption>
            <strong>{labels.reasons}</strong>
          </figcaption>
          {reasons.length === 0 ? (
            <p className="muted">{labels.noData}</p>
          ) : (
            <ResponsiveContainer width="100%" height={heightFor(reasons.length, 1)}>
              <BarChart data={reasons} layout="vertical" margin={{ left: 8, right: 24 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={axis.width} tickFormatter={axis.shorten} interval={0} />
                <Tooltip />
                <Bar dataKey="attempts" name={labels.attempts} fill={palette.reasons} isAnimationActive={false} maxBarSize={28}>
                  <LabelList dataKey="attempts" position="right" />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          )}
        </figure>
      </div>
    </div>
  );
}
