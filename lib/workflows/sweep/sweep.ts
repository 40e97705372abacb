import "server-only";
import type { Db } from "@/db/client";
import { listOpenRequests } from "@/db/queries/workflows";
import { requests } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { DomainEvent } from "@/lib/domain/events";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { Clients } from "@/lib/integrations/clients";
import { log } from "@/lib/log";
import { historyEvents, requestHistory } from "./arr-history";
import { checkDownloads } from "./download-check";
import { snapshot, stuckItems, type RequestSnapshot } from "./items";
import { checkLibrary, type HandOff } from "./library-check";
import { verifyAvailability } from "../verify";
import { diagnoseQueues, type Diagnosis } from "./queue";
import { listRequestEpisodes } from "../episodes";
import { recoverJellyseerrRequests } from "./jellyseerr";
import { defaultThresholds, loadThresholds, type Thresholds } from "./thresholds";

export type SweepReport = { checked: number; advanced: number; attention: number; handedOff: number; errors: string[] };

type Run = { db: Db; clients: Clients; now: Date; thresholds: Thresholds; handOff: HandOff | null; report: SweepReport };

const service = { sonarr: "Sonarr", radarr: "Radarr" } as const;
const earlyStages: ReadonlySet<string> = new Set(["approved", "searching", "grabbing", "downloading", "downloaded"]);
const libraryStages: ReadonlySet<string> = new Set(["importing", "anime_matching"]);

/** History events that would change something: a grab of an unknown download, an import not yet recorded. */
function novel(events: DomainEvent[], snap: RequestSnapshot): DomainEvent[] {
  return events.filter((e) => {
    const row = e.type === "release.grabbed" || e.type === "release.imported" ? snap.downloads.find((d) => d.hash === e.downloadId) : undefined;
    if (e.type === "release.grabbed") return !row;
    if (e.type === "release.imported") return row?.status !== "imported";
    return true;
  });
}

/**
 * One request, one round. Every item in a watched stage is looked at at its source (qBittorrent, the
 * Sonarr/Radarr history, Jellyfin), so a missed webhook is recovered within one sweep; only items past their
 * stage's threshold (`first` round) get an attention reason. True when something advanced.
 */
async function checkOnce(run: Run, snap: RequestSnapshot, first: boolean): Promise<boolean> {
  const watched = stuckItems(snap, run.now, run.thresholds, 0);
  if (watched.length === 0) return false;
  const stuck = first ? stuckItems(snap, run.now, run.thresholds, 1) : [];
  if (stuck.length > 0) run.report.checked += 1;
  const events: DomainEvent[] = [];
  const findings: Diagnosis[] = [];

  const downloads = await checkDownloads({
    clients: run.clients,
    items: watched,
    stuck,
    downloads: snap.downloads,
    now: run.now,
    thresholds: run.thresholds,
  });
  events.push(...downloads.events);
  if (watched.some((i) => earlyStages.has(i.stage))) {
    const found = await requestHistory(snap.row, run.clients);
    if (found) events.push(...novel(historyEvents(snap.row, found), snap));
    if (events.length === 0) findings.push(...arrFindings(snap, stuck, found?.source ?? null), ...downloads.findings);
  }
  if (events.length > 0) {
    await applyTrackerEvents({ db: run.db, source: "tracker", now: run.now, events });
    run.report.advanced += events.length;
    return true;
  }
  const waitsOnLibrary = watched.some((i) => libraryStages.has(i.stage));
  if (waitsOnLibrary) {
    const outcome = await verifyAvailability({ db: run.db, clients: run.clients, requestId: snap.row.id });
    if (outcome.status === "available") return true;
    const late = stuck.filter((i) => libraryStages.has(i.stage));
    if (outcome.status === "missing" && late.length > 0) {
      const anime = late.some((i) => i.stage === "anime_matching");
      const library = await checkLibrary({ db: run.db, row: snap.row, clients: run.clients, anime, handOff: run.handOff, outcome });
      findings.push(...library.findings);
      if (library.handedOff) run.report.handedOff += 1;
    }
  }
  await raise(run, snap.row.id, findings);
  return false;
}

function arrFindings(snap: RequestSnapshot, items: ReturnType<typeof stuckItems>, source: "sonarr" | "radarr" | null): Diagnosis[] {
  const name = snap.row.mediaType === "movie" ? "Radarr" : "Sonarr";
  const first = (stage: string) => items.find((i) => i.stage === stage);
  const approved = first("approved") ?? first("searching");
  if (approved && !source)
    return [{ kind: "upstream_error", reason: `${name} does not have this ${snap.row.mediaType === "movie" ? "movie" : "series"}: was it added?` }];
  if (approved) return [{ kind: "stalled", reason: `${name} has not grabbed a release (no grab in its history)` }];
  const downloaded = first("downloaded");
  if (downloaded)
    return [{ kind: "import_blocked", reason: `Not imported: the download finished, but ${source ? service[source] : name} has not imported it` }];
  return [];
}

async function raise(run: Run, requestId: number, findings: Diagnosis[]): Promise<void> {
  const [finding] = findings;
  if (!finding) return;
  const applied = await applyTrackerEvents({
    db: run.db,
    source: "tracker",
    now: run.now,
    events: [{ type: "attention.raised", requestId, ...finding }],
  });
  if (applied && applied.length > 0) run.report.attention += 1;
}

/**
 * The fallback checker: every item stuck beyond its stage's threshold is checked against its source of truth
 * and advanced (a missed webhook), given an attention reason, or handed to verify-availability. After an
 * advance the same request is checked again at once, so a chain of missed webhooks is recovered in one sweep.
 */
export async function runSweep(input: { db: Db; clients: Clients; now?: Date; handOff?: HandOff | null }): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, advanced: 0, attention: 0, handedOff: 0, errors: [] };
  const run: Run = {
    db: input.db,
    clients: input.clients,
    now: input.now ?? new Date(),
    thresholds: await loadThresholds(input.db),
    handOff: input.handOff ?? null,
    report,
  };
  const arrs = [
    ...(run.clients.sonarr ? [{ service: "Sonarr" as const, client: run.clients.sonarr }] : []),
    ...(run.clients.radarr ? [{ service: "Radarr" as const, client: run.clients.radarr }] : []),
  ];
  try {
    run.report.advanced += await recoverJellyseerrRequests({ db: run.db, clients: run.clients, now: run.now });
  } catch (error) {
    report.errors.push(`jellyseerr: ${message(error)}`);
  }
  try {
    const events = await diagnoseQueues({ db: run.db, arrs });
    if (events.length > 0) await applyTrackerEvents({ db: run.db, source: "tracker", now: run.now, events });
  } catch (error) {
    report.errors.push(`queue check: ${message(error)}`);
  }
  for (const row of await listOpenRequests({ db: run.db, limit: 500 })) {
    try {
      let current = row;
      if (row.mediaType === "tv" && run.clients.sonarr) {
        // New episodes join, aired ones move to searching; a re-read that changes nothing writes nothing.
        await listRequestEpisodes({ db: run.db, clients: run.clients, requestId: row.id, now: run.now });
        current = (await run.db.select().from(requests).where(eq(requests.id, row.id)))[0] ?? row;
      }
      for (let round = 0; round < 6; round += 1) {
        const advanced = await checkOnce(run, await snapshot(run.db, current), round === 0);
        if (!advanced) break;
        const [fresh] = await run.db.select().from(requests).where(eq(requests.id, row.id));
        if (!fresh) break;
        current = fresh;
      }
    } catch (error) {
      report.errors.push(`request ${row.id}: ${message(error)}`);
      log.warn("sweep could not check a request", { requestId: row.id, error: message(error) });
    }
  }
  return report;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every watched stage with a threshold of zero: "Check now" looks at each item whatever its age. */
function immediately(): Thresholds {
  return Object.fromEntries(Object.keys(defaultThresholds()).map((stage) => [stage, 0]));
}

/**
 * The admin's "Check now" for one request: the queue diagnosis, then the sweep's checks with thresholds
 * ignored, then a Jellyfin lookup; says in words what was looked at. Same rules as the sweep (it is the sweep,
 * for one request), so a finding here is the finding the next sweep would have made.
 */
export async function checkRequestNow(input: {
  db: Db;
  clients: Clients;
  requestId: number;
  now?: Date;
}): Promise<{ checked: string[]; report: SweepReport }> {
  const report: SweepReport = { checked: 0, advanced: 0, attention: 0, handedOff: 0, errors: [] };
  const run: Run = { db: input.db, clients: input.clients, now: input.now ?? new Date(), thresholds: immediately(), handOff: null, report };
  const checked: string[] = [];
  const arrs = [
    ...(run.clients.sonarr ? [{ service: "Sonarr" as const, client: run.clients.sonarr }] : []),
    ...(run.clients.radarr ? [{ service: "Radarr" as const, client: run.clients.radarr }] : []),
  ];
  if (arrs.length > 0) {
    try {
      const events = await diagnoseQueues({ db: run.db, arrs });
      const mine = events.filter((e) => !("requestId" in e) || e.requestId === input.requestId);
      if (mine.length > 0) await applyTrackerEvents({ db: run.db, source: "tracker", events: mine });
      checked.push(`${arrs.map((a) => a.service).join(" and ")} queue`);
    } catch (error) {
      report.errors.push(`queue check: ${message(error)}`);
    }
  }
  for (let round = 0; round < 6; round += 1) {
    const [row] = await run.db.select().from(requests).where(eq(requests.id, input.requestId));
    if (!row) break;
    if (round === 0 && run.clients.qbit) checked.push("qBittorrent torrents");
    if (round === 0) checked.push(`${row.mediaType === "movie" ? "Radarr" : "Sonarr"} history`);
    try {
      if (!(await checkOnce(run, await snapshot(run.db, row), round === 0))) break;
    } catch (error) {
      report.errors.push(message(error));
      break;
    }
  }
  try {
    const outcome = await verifyAvailability({ db: run.db, clients: run.clients, requestId: input.requestId });
    checked.push(outcome.checked);
  } catch (error) {
    report.errors.push(`Jellyfin: ${message(error)}`);
  }
  return { checked, report };
}
