/**
 * "Delete everywhere" as pure rules: which services a deletion can touch, what each step removes, the order
 * the steps run in, the admin's choices, and what a step's outcome means for the saga. No I/O here.
 */

export const deletionServices = ["qbittorrent", "sonarr", "radarr", "shoko", "jellyfin", "jellyseerr", "tracker"] as const;
export type DeletionService = (typeof deletionServices)[number];

/** Run order: stop seeding first, then the managers that own the files, then the indexes that mirror them, last the tracker. */
export const serviceOrder: Record<DeletionService, number> = {
  qbittorrent: 0,
  sonarr: 1,
  radarr: 1,
  shoko: 2,
  jellyfin: 3,
  jellyseerr: 4,
  tracker: 5,
};

export const serviceLabel: Record<DeletionService, string> = {
  qbittorrent: "qBittorrent",
  sonarr: "Sonarr",
  radarr: "Radarr",
  shoko: "Shoko",
  jellyfin: "Jellyfin",
  jellyseerr: "Jellyseerr",
  tracker: "Status Tracker",
};

/** Exactly what one step removes, fixed when the admin confirms (a retry removes the same things). */
export type DeletionTarget =
  | { service: "qbittorrent"; hashes: string[]; deleteFiles: boolean }
  | { service: "sonarr"; kind: "series"; seriesId: number; deleteFiles: boolean }
  | { service: "sonarr"; kind: "episode_files"; seriesId: number; episodeFileIds: number[]; seasons: number[] }
  | { service: "radarr"; movieId: number; deleteFiles: boolean }
  | { service: "shoko"; fileIds: number[] }
  | { service: "jellyfin"; itemIds: string[] }
  | { service: "jellyseerr"; requestId: number | null; mediaId: number | null }
  | { service: "tracker"; requestId: number };

/** The admin's ticks. `arrScope` applies to tv: the whole series or just the requested seasons' files. */
export type DeletionChoices = {
  services: DeletionService[];
  arrScope: "series" | "seasons";
  arrDeleteFiles: boolean;
  torrentDeleteFiles: boolean;
};

/** What the upstream services hold for one request, as the preview found it. */
export type DeletionFacts = {
  requestId: number;
  mediaType: "movie" | "tv";
  isAnime: boolean;
  requestedSeasons: number[];
  torrentHashes: string[];
  sonarr: { seriesId: number; episodeFiles: { id: number; seasonNumber: number }[] } | null;
  radarr: { movieId: number; hasFile: boolean } | null;
  shokoFileIds: number[];
  /** The movie or series item, and the episode items (for deleting only the requested seasons). */
  jellyfin: { itemId: string | null; episodes: { seasonNumber: number; itemId: string }[] };
  jellyseerr: { requestId: number | null; mediaId: number | null } | null;
};

export type PlannedStep = { service: DeletionService; target: DeletionTarget; description: string };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Every step the facts allow, before the admin's ticks (the preview shows these, each with its description). */
export function possibleSteps(facts: DeletionFacts, choices: Omit<DeletionChoices, "services">): PlannedStep[] {
  const steps: PlannedStep[] = [];
  if (facts.torrentHashes.length > 0) {
    const data = choices.torrentDeleteFiles ? "with their downloaded data" : "keeping the downloaded data";
    steps.push({
      service: "qbittorrent",
      target: { service: "qbittorrent", hashes: [...facts.torrentHashes].sort(), deleteFiles: choices.torrentDeleteFiles },
      description: `Remove ${plural(facts.torrentHashes.length, "torrent")} ${data}`,
    });
  }
  if (facts.mediaType === "tv" && facts.sonarr) {
    const { seriesId, episodeFiles } = facts.sonarr;
    const seasons = [...facts.requestedSeasons].sort((a, b) => a - b);
    if (choices.arrScope === "seasons" && seasons.length > 0) {
      const files = episodeFiles.filter((f) => seasons.includes(f.seasonNumber));
      const ids = [...new Set(files.map((f) => f.id))].sort((a, b) => a - b);
      steps.push({
        service: "sonarr",
        target: { service: "sonarr", kind: "episode_files", seriesId, episodeFileIds: ids, seasons },
        description: `Delete ${plural(ids.length, "episode file")} of season${seasons.length === 1 ? "" : "s"} ${seasons.join(", ")} (the series stays)`,
      });
    } else {
      steps.push({
        service: "sonarr",
        target: { service: "sonarr", kind: "series", seriesId, deleteFiles: choices.arrDeleteFiles },
        description: `Delete the series${choices.arrDeleteFiles ? ` and its ${plural(episodeFiles.length, "file")}` : ", keeping its files"}`,
      });
    }
  }
  if (facts.mediaType === "movie" && facts.radarr) {
    const withFiles = choices.arrDeleteFiles && facts.radarr.hasFile;
    steps.push({
      service: "radarr",
      target: { service: "radarr", movieId: facts.radarr.movieId, deleteFiles: choices.arrDeleteFiles },
      description: `Delete the movie${withFiles ? " and its file" : choices.arrDeleteFiles ? " (it has no file)" : ", keeping its file"}`,
    });
  }
  if (facts.isAnime && facts.shokoFileIds.length > 0) {
    steps.push({
      service: "shoko",
      target: { service: "shoko", fileIds: [...facts.shokoFileIds].sort((a, b) => a - b) },
      description: `Forget ${plural(facts.shokoFileIds.length, "file record")} (the files themselves are left to the steps above)`,
    });
  }
  const onlySeasons = facts.mediaType === "tv" && choices.arrScope === "seasons" && facts.requestedSeasons.length > 0;
  const itemIds = onlySeasons
    ? [...new Set(facts.jellyfin.episodes.filter((e) => facts.requestedSeasons.includes(e.seasonNumber)).map((e) => e.itemId))]
    : facts.jellyfin.itemId
      ? [facts.jellyfin.itemId]
      : [];
  if (itemIds.length > 0) {
    const what = onlySeasons ? plural(itemIds.length, "episode") : facts.mediaType === "movie" ? "the movie" : "the series and its episodes";
    steps.push({
      service: "jellyfin",
      target: { service: "jellyfin", itemIds: itemIds.sort() },
      description: `Delete ${what} from the library (Jellyfin removes the files too)`,
    });
  }
  if (facts.jellyseerr && (facts.jellyseerr.requestId !== null || facts.jellyseerr.mediaId !== null)) {
    const parts = [facts.jellyseerr.requestId !== null ? "the request" : null, facts.jellyseerr.mediaId !== null ? "the media record" : null].filter(
      Boolean,
    );
    steps.push({ service: "jellyseerr", target: { service: "jellyseerr", ...facts.jellyseerr }, description: `Delete ${parts.join(" and ")}` });
  }
  steps.push({
    service: "tracker",
    target: { service: "tracker", requestId: facts.requestId },
    description: "Move the request to History as deleted",
  });
  return steps.sort((a, b) => serviceOrder[a.service] - serviceOrder[b.service]);
}

/** The steps the admin ticked, in run order. The tracker step always runs last so History records the deletion. */
export function planDeletion(facts: DeletionFacts, choices: DeletionChoices): PlannedStep[] {
  const wanted = new Set<DeletionService>([...choices.services, "tracker"]);
  return possibleSteps(facts, choices).filter((s) => wanted.has(s.service));
}

/** Retries after a step's first attempt (Inngest's `retries`, and the in-process runner's). */
export const STEP_RETRIES = 3 as const;
export const MAX_STEP_ATTEMPTS = STEP_RETRIES + 1;

/** Delay before retrying a failed step: 30 s doubling, capped at 10 minutes. */
export function stepRetryDelayMs(attempts: number): number {
  return Math.min(600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export type StepOutcome = { ok: true; result: string } | { ok: false; error: string };

/** What a step's outcome means: done; retry later; or failed for good (the admin's Retry starts it again). */
export function afterAttempt(outcome: StepOutcome, attempts: number): "done" | "retrying" | "failed" {
  if (outcome.ok) return "done";
  return attempts >= MAX_STEP_ATTEMPTS ? "failed" : "retrying";
}

/** The deletion as a whole, from its steps. */
export function deletionStatus(steps: readonly { status: "pending" | "retrying" | "done" | "failed" }[]): "running" | "done" | "failed" {
  if (steps.some((s) => s.status === "pending" || s.status === "retrying")) return "running";
  return steps.some((s) => s.status === "failed") ? "failed" : "done";
}
