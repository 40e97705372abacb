"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "@/components/portal/local-time";
import { formatDuration } from "@/lib/portal/format";

/**
 * The insights page's charts (recharts, loaded only on that page). Each takes plain rows from the server
 * and draws one figure; the numbers are also in a table beside it for screen readers and small screens.
 */
export type SeriesPoint = { label: string } & Record<string, number | string | null>;
export type SeriesKey = { key: string; name: string };

// Readable on the light and the dark background alike.
const palette = ["#6366f1", "#f59e0b", "#10b981", "#ef4444", "#0ea5e9", "#a855f7", "#84cc16", "#f97316"];
const axis = { fontSize: 12, fill: "currentColor" };
const tooltipStyle = { background: "#0f172a", border: "none", borderRadius: 6, color: "#f8fafc" };

/** "2026-03" as the viewer's "Mar 2026" once in the browser (the server does not know the viewer's language). */
export function useMonthLabel(): (month: string) => string {
  const hydrated = useHydrated();
  return (month) => {
    const [y, m] = month.split("-").map(Number);
    if (!hydrated || !y || !m) return month;
    return new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
  };
}

const durationTick = (v: number) => formatDuration(v);
// Legend text in the page's text colour: the series colours alone are too faint to read on white.
const legendText = (value: string) => <span className="text-slate-700 dark:text-slate-300">{value}</span>;
const durationValue = (v: unknown) => (typeof v === "number" ? formatDuration(v) : String(v ?? ""));

function Frame({ children }: { children: React.ReactElement }) {
  return (
    <div className="h-64 w-full text-slate-700 dark:text-slate-300">
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** Bars per category (e.g. median and 90th percentile per stage); durations in seconds unless `counts`. */
export function BarsChart({
  data,
  keys,
  counts = false,
  stacked = false,
  months = false,
}: {
  data: SeriesPoint[];
  keys: SeriesKey[];
  counts?: boolean;
  stacked?: boolean;
  months?: boolean;
}) {
  const month = useMonthLabel();
  const rows = months ? data.map((d) => ({ ...d, label: month(d.label) })) : data;
  return (
    <Frame>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} vertical={false} />
        <XAxis
          dataKey="label"
          tick={axis}
          interval={0}
          angle={rows.length > 4 ? -25 : 0}
          textAnchor={rows.length > 4 ? "end" : "middle"}
          height={50}
        />
        <YAxis tick={axis} tickFormatter={counts ? undefined : durationTick} allowDecimals={false} width={counts ? 32 : 72} />
        <Tooltip formatter={counts ? undefined : durationValue} contentStyle={tooltipStyle} cursor={{ fillOpacity: 0.1 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
        {keys.map((k, i) => (
          <Bar
            key={k.key}
            dataKey={k.key}
            name={k.name}
            fill={palette[i % palette.length]}
            stackId={stacked ? "all" : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </Frame>
  );
}

/** One line per key over months: how a duration changes over time. */
export function MonthlyLines({ data, keys }: { data: SeriesPoint[]; keys: SeriesKey[] }) {
  const month = useMonthLabel();
  const rows = data.map((d) => ({ ...d, label: month(d.label) }));
  return (
    <Frame>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} vertical={false} />
        <XAxis dataKey="label" tick={axis} />
        <YAxis tick={axis} tickFormatter={durationTick} width={72} />
        <Tooltip formatter={durationValue} contentStyle={tooltipStyle} />
        <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
        {keys.map((k, i) => (
          <Line
            key={k.key}
            type="monotone"
            dataKey={k.key}
            name={k.name}
            stroke={palette[i % palette.length]}
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </Frame>
  );
}

/** A month cell of a table, in the viewer's language once hydrated. */
export function MonthLabel({ month }: { month: string }) {
  return <>{useMonthLabel()(month)}</>;
}
