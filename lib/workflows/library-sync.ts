import "server-only";
import type { Db } from "@/db/client";
import { importEpisodes, importInFlight, importSeerrRequests, importTitles, type ImportCounts } from "@/db/queries/library-import";
import { advanceLibrarySync, failLibrarySync, getLibrarySync } from "@/db/queries/library-syncs";
import {
  importPageSize,
  nextCursor,
  type ImportCursor,
  type ImportedEpisode,
  type ImportedRequest,
  type ImportedTitle,
  type InFlightDownload,
} from "@/lib/domain/library-import";
import { inFlightDownload } from "@/lib/integrations/arr/queue-map";
import type { Clients } from "@/lib/integrations/clients";
import { importedEpisode, importedTitle } from "@/lib/integrations/jellyfin/library-map";
import { importedRequest } from "@/lib/integrations/jellyseerr/requests-map";

type Page =
  | { phase: "library"; items: ImportedTitle[]; fetched: number; total: number }
  | { phase: "episodes"; items: ImportedEpisode[]; fetched: number; total: number }
  | { phase: "jellyseerr"; items: ImportedRequest[]; fetched: number; total: number }
  | { phase: "queues"; items: InFlightDownload[]; fetched: number; total: number };

const notNull = <T>(v: T | null): v is T => v !== null;

/** One page of one phase from its service (a service that is not configured has nothing to import). */
async function fetchPage(clients: Clients, cursor: ImportCursor, imageBase: string): Promise<Page> {
  const { startIndex } = cursor;
  switch (cursor.phase) {
    case "library": {
      if (!clients.jellyfin) return { phase: "library", items: [], fetched: 0, total: 0 };
      const page = await clients.jellyfin.libraryPage({ types: "Movie,Series", startIndex, limit: importPageSize.library });
      return {
        phase: "library",
        items: page.items.map((i) => importedTitle(i, imageBase)).filter(notNull),
        fetched: page.items.length,
        total: page.total,
      };
    }
    case "episodes": {
      if (!clients.jellyfin) return { phase: "episodes", items: [], fetched: 0, total: 0 };
      const page = await clients.jellyfin.libraryPage({ types: "Episode", startIndex, limit: importPageSize.episodes });
      return { phase: "episodes", items: page.items.map(importedEpisode).filter(notNull), fetched: page.items.length, total: page.total };
    }
    case "jellyseerr": {
      if (!clients.jellyseerrAdmin) return { phase: "jellyseerr", items: [], fetched: 0, total: 0 };
      const page = await clients.jellyseerrAdmin.requestPage({ skip: startIndex, take: importPageSize.jellyseerr });
      return { phase: "jellyseerr", items: page.results.map(importedRequest).filter(notNull), fetched: page.results.length, total: page.total };
    }
    case "queues": {
      const sonarr = clients.sonarr ? (await clients.sonarr.queue({ includeSeries: true })).map((r) => inFlightDownload("sonarr", r)) : [];
      const radarr = clients.radarr ? (await clients.radarr.queue({ includeMovie: true })).map((r) => inFlightDownload("radarr", r)) : [];
      const items = [...sonarr, ...radarr].filter(notNull);
      return { phase: "queues", items, fetched: items.length, total: items.length };
    }
  }
}

async function apply(db: Db, page: Page): Promise<ImportCounts> {
  switch (page.phase) {
    case "library":
      return importTitles({ db, titles: page.items });
    case "episodes":
      return importEpisodes({ db, items: page.items });
    case "jellyseerr":
      return importSeerrRequests({ db, items: page.items });
    case "queues":
      return importInFlight({ db, items: page.items });
  }
}

export type PageOutcome = { cursor: ImportCursor | null; fetched: number };

/**
 * One page of "Sync library" (the unit the Inngest function makes a step of): fetch it outside any transaction,
 * then in one transaction move the sync's cursor past it (compare-and-set) and import it. Matching by provider
 * ids and Jellyfin item ids makes every page safe to import again.
 */
export async function syncLibraryPage({
  db,
  clients,
  syncId,
  imageBase,
}: {
  db: Db;
  clients: Clients;
  syncId: number;
  imageBase: string;
}): Promise<PageOutcome> {
  const sync = await getLibrarySync({ db, id: syncId });
  if (sync?.status !== "running" || !sync.cursor) return { cursor: null, fetched: 0 };
  const from = sync.cursor as ImportCursor;
  const page = await fetchPage(clients, from, imageBase);
  const next = nextCursor(from, page.fetched, page.total);
  await db
    .transaction(async (tx) => {
      const counts = await apply(tx, page);
      const moved = await advanceLibrarySync({ db: tx, id: syncId, from, next, fetched: page.fetched, total: page.total, ...counts });
      if (!moved) throw new PageAlreadyImported();
    })
    .catch((error: unknown) => {
      if (!(error instanceof PageAlreadyImported)) throw error;
    });
  return { cursor: next, fetched: page.fetched };
}

class PageAlreadyImported extends Error {}

/** The in-process runner: page after page until the end; an error stops the sync with the reason (a re-run resumes nothing twice). */
export async function runLibrarySync(input: { db: Db; clients: Clients; syncId: number; imageBase: string }): Promise<void> {
  try {
    for (;;) {
      const outcome = await syncLibraryPage(input);
      if (!outcome.cursor) return;
    }
  } catch (error) {
    await failLibrarySync({ db: input.db, id: input.syncId, error: error instanceof Error ? error.message : String(error) });
  }
}
