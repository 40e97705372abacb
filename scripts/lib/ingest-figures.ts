import { median, summary } from "./stats";

/** The figures of scripts/bench-ingest.ts: one run's, and their medians over several rounds. */

export type Driven = { seconds: number; latencies: number[]; failures: string[] };

export type Figures = {
  throughput: number;
  latency: { p50: number; p95: number; p99: number; max: number };
  /** ms of CPU per delivery: the server process, its database backends (app only), the load generator. */
  cpu: { server: number; database: number | null; client: number };
  /** Shares of the run's wall time the server's JavaScript thread was on a CPU and waiting for one (null: unknown). */
  thread: { running: number; waiting: number } | null;
  non200: number;
};

export type ThreadTimes = { runMs: number; waitMs: number };

export function figures(
  run: Driven,
  total: number,
  serverCpuMs: number,
  clientCpuMs: number,
  databaseCpuMs: number | null,
  expect: number,
  thread: ThreadTimes | null = null,
): Figures {
  const l = summary(run.latencies);
  const round = (v: number) => Number(v.toFixed(1));
  const per = (v: number) => Number((v / total).toFixed(2));
  const share = (ms: number, seconds: number) => Number((ms / (seconds * 1000)).toFixed(2));
  return {
    throughput: Math.round(total / run.seconds),
    latency: { p50: round(l.p50), p95: round(l.p95), p99: round(l.p99), max: round(l.max) },
    cpu: { server: per(serverCpuMs), database: databaseCpuMs === null ? null : per(databaseCpuMs), client: per(clientCpuMs) },
    thread: thread && thread.runMs > 0 ? { running: share(thread.runMs, run.seconds), waiting: share(thread.waitMs, run.seconds) } : null,
    non200: expect === 200 ? run.failures.length : 0,
  };
}

/** Each figure's median over several rounds (a round's own figures stay consistent only within that round). */
export function medianFigures(list: Figures[]): Figures {
  const m = (pick: (f: Figures) => number) => Number(median(list.map(pick)).toFixed(2));
  const database = list.every((f) => f.cpu.database !== null) ? m((f) => f.cpu.database ?? 0) : null;
  return {
    throughput: Math.round(m((f) => f.throughput)),
    latency: { p50: m((f) => f.latency.p50), p95: m((f) => f.latency.p95), p99: m((f) => f.latency.p99), max: m((f) => f.latency.max) },
    cpu: { server: m((f) => f.cpu.server), database, client: m((f) => f.cpu.client) },
    thread: list.every((f) => f.thread !== null) ? { running: m((f) => f.thread?.running ?? 0), waiting: m((f) => f.thread?.waiting ?? 0) } : null,
    non200: Math.max(...list.map((f) => f.non200)),
  };
}

/** The median figures of several runs of one build; checked only if every run checked out. */
export function medianRun(runs: AppRun[]): AppRun {
  const last = runs.at(-1);
  if (!last) throw new Error("no run to summarise");
  return {
    figures: medianFigures(runs.map((r) => r.figures)),
    noop: medianFigures(runs.map((r) => r.noop)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    verify: last.verify,
    ok: runs.every((r) => r.ok),
  };
}

export type AppRun = { figures: Figures; noop: Figures; peakRssMb: number; verify: Verify; ok: boolean };
export type Verify = { requests: number; available: number; deliveriesStored: number; deliveriesNotApplied: number; timelineRows: number };

export const fmtLatency = (f: Figures) => `${f.latency.p50} / ${f.latency.p95} / ${f.latency.p99} / ${f.latency.max} ms`;
export const fmtThread = (f: Figures) => (f.thread ? `${Math.round(100 * f.thread.running)} % / ${Math.round(100 * f.thread.waiting)} %` : "—");
export const fmtCpu = (f: Figures) =>
  `${f.cpu.server} ms${f.cpu.database === null ? "" : ` + ${f.cpu.database} ms in PostgreSQL`} (load generator ${f.cpu.client} ms)`;
