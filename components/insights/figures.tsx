import type { RequesterCounts, StageDuration, StuckByIndexer, StuckByKind, StuckReason, WatchableMonth } from "@/db/queries/insights";
import { attentionLabel } from "@/lib/domain/attention";
import type { MediaType } from "@/lib/domain/events";
import { stagePresentation } from "@/lib/domain/presentation";
import { formatDuration } from "@/lib/portal/format";
import { BarsChart, MonthLabel, MonthlyLines, type SeriesPoint } from "./charts";

/** The insights page's sections: a chart each (client, recharts) and the same numbers as a table. */
const mediaLabel: Record<MediaType, string> = { movie: "Movies", tv: "Series" };
const mediaTypes: MediaType[] = ["movie", "tv"];

const th = "py-1.5 pr-3 font-medium";
const td = "py-1.5 pr-3 tabular-nums";

function Empty({ children }: { children: React.ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
      {children}
    </p>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: React.ReactNode[][] }) {
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-300">
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className={th}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((cells, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed table, never reordered
          <tr key={i}>
            {cells.map((c, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed row
              <td key={j} className={j === 0 ? "py-1.5 pr-3" : td}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StageDurations({ rows }: { rows: StageDuration[] }) {
  const whole = rows.filter((r) => r.month === null);
  if (whole.length === 0) return <Empty>No stage has finished yet: durations appear once requests move on.</Empty>;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {mediaTypes.map((type) => {
        const mine = whole.filter((r) => r.mediaType === type);
        if (mine.length === 0) return null;
        const data: SeriesPoint[] = mine.map((r) => ({ label: stagePresentation[r.stage].label, median: r.medianSeconds, p90: r.p90Seconds }));
        return (
          <figure key={type} data-testid={`stage-durations-${type}`}>
            <figcaption className="mb-2 font-medium">{mediaLabel[type]}</figcaption>
            <BarsChart
              data={data}
              keys={[
                { key: "median", name: "Median" },
                { key: "p90", name: "90th percentile" },
              ]}
            />
            <Table
              caption={`Time in each stage, ${mediaLabel[type].toLowerCase()}`}
              head={["Stage", "Finished", "Median", "90th percentile"]}
              rows={mine.map((r) => [stagePresentation[r.stage].label, r.samples, formatDuration(r.medianSeconds), formatDuration(r.p90Seconds)])}
            />
          </figure>
        );
      })}
    </div>
  );
}

export function StageTrends({ rows }: { rows: StageDuration[] }) {
  const monthly = rows.filter((r) => r.month !== null);
  const months = [...new Set(monthly.map((r) => r.month as string))].sort();
  if (months.length < 2) return <Empty>One month of data so far: the trend shows from the second month on.</Empty>;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {mediaTypes.map((type) => {
        const mine = monthly.filter((r) => r.mediaType === type);
        if (mine.length === 0) return null;
        const stages = [...new Set(mine.map((r) => r.stage))];
        const data: SeriesPoint[] = months.map((m) => ({
          label: m,
          ...Object.fromEntries(stages.map((s) => [s, mine.find((r) => r.month === m && r.stage === s)?.medianSeconds ?? null])),
        }));
        return (
          <figure key={type}>
            <figcaption className="mb-2 font-medium">{mediaLabel[type]}: median time per stage, by month</figcaption>
            <MonthlyLines data={data} keys={stages.map((s) => ({ key: s, name: stagePresentation[s].label }))} />
          </figure>
        );
      })}
    </div>
  );
}

export function TimeToWatchable({ rows }: { rows: WatchableMonth[] }) {
  if (rows.length === 0) return <Empty>Nothing requested here has become watchable yet.</Empty>;
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const data: SeriesPoint[] = months.map((m) => ({
    label: m,
    ...Object.fromEntries(mediaTypes.map((t) => [t, rows.find((r) => r.month === m && r.mediaType === t)?.medianSeconds ?? null])),
  }));
  return (
    <figure data-testid="time-to-watchable">
      <BarsChart data={data} months keys={mediaTypes.map((t) => ({ key: t, name: `${mediaLabel[t]} (median)` }))} />
      <Table
        caption="Time from request to watchable, per month"
        head={["Month", "Type", "Requests", "Median", "90th percentile"]}
        rows={rows.map((r) => [
          <MonthLabel key="m" month={r.month} />,
          mediaLabel[r.mediaType],
          r.samples,
          formatDuration(r.medianSeconds),
          formatDuration(r.p90Seconds),
        ])}
      />
    </figure>
  );
}

export function Stuck({ byKind, reasons, byIndexer }: { byKind: StuckByKind[]; reasons: StuckReason[]; byIndexer: StuckByIndexer[] }) {
  if (byKind.length === 0) return <Empty>Nothing has been stuck: no stall, blocked import or failed match so far.</Empty>;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure data-testid="stuck-by-kind">
        <figcaption className="mb-2 font-medium">By reason</figcaption>
        <BarsChart
          counts
          data={byKind.map((k) => ({ label: attentionLabel[k.kind] ?? k.kind, requests: k.requests }))}
          keys={[{ key: "requests", name: "Requests" }]}
        />
        <h3 className="mt-3 text-sm font-medium">Most frequent reasons</h3>
        <ul className="mt-1 space-y-1 text-sm">
          {reasons.map((r) => (
            <li key={`${r.kind}:${r.reason}`} className="break-words">
              <span className="font-medium">{attentionLabel[r.kind] ?? r.kind}</span> — {r.reason}{" "}
              <span className="text-slate-600 tabular-nums dark:text-slate-300">
                ({r.requests} request{r.requests === 1 ? "" : "s"})
              </span>
            </li>
          ))}
        </ul>
      </figure>
      <figure data-testid="stuck-by-indexer">
        <figcaption className="mb-2 font-medium">By indexer</figcaption>
        <BarsChart
          counts
          data={byIndexer.map((i) => ({ label: i.indexer ?? "Unknown", grabbed: i.requests, stuck: i.stuck }))}
          keys={[
            { key: "grabbed", name: "Grabbed" },
            { key: "stuck", name: "Got stuck" },
          ]}
        />
        <Table
          caption="Requests stuck per indexer"
          head={["Indexer", "Grabbed", "Got stuck"]}
          rows={byIndexer.map((i) => [i.indexer ?? "Unknown", i.requests, i.stuck])}
        />
      </figure>
    </div>
  );
}

export function Requesters({ rows }: { rows: RequesterCounts[] }) {
  if (rows.length === 0) return <Empty>No requests yet.</Empty>;
  const name = (r: RequesterCounts) => r.requestedBy ?? "Unknown";
  return (
    <figure data-testid="requesters">
      <BarsChart
        counts
        stacked
        data={rows.map((r) => ({ label: name(r), available: r.available, active: r.active, failed: r.failed }))}
        keys={[
          { key: "available", name: "Watchable" },
          { key: "active", name: "On the way" },
          { key: "failed", name: "Failed or declined" },
        ]}
      />
      <Table
        caption="Requests per requester"
        head={["Requester", "Requests", "Watchable", "On the way", "Got stuck", "Failed or declined"]}
        rows={rows.map((r) => [name(r), r.total, r.available, r.active, r.stuck, r.failed])}
      />
    </figure>
  );
}
