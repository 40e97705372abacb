import "server-only";
import { getDatabase } from "@/db/client";
import { enqueueOutbox } from "@/db/queries/outbox";
import { anyLibrarySync, listRunningLibrarySyncs, startLibrarySyncRow, type LibrarySyncRow } from "@/db/queries/library-syncs";
import { librarySyncRequested } from "@/inngest/events";
import { env, inngestConfigured, type Env } from "@/lib/env";
import { clientsFromEnv } from "@/lib/integrations/clients";
import { log } from "@/lib/log";
import { runLibrarySync } from "./library-sync";

/** Posters point at Jellyfin as the household's browsers reach it. */
export function imageBase(e: Env = env()): string {
  return e.JELLYFIN_PUBLIC_URL ?? e.JELLYFIN_URL ?? "";
}

const LIBRARY_SYNC_LOCK = 727_105;

/** Embedded: the pages run here in the background, one runner across instances (advisory lock). */
function runInProcess(syncId: number): void {
  void (async () => {
    const database = await getDatabase();
    await database.withAdvisoryLock(LIBRARY_SYNC_LOCK, () =>
      runLibrarySync({ db: database.db, clients: clientsFromEnv(), syncId, imageBase: imageBase() }),
    );
  })().catch((error: unknown) => log.warn("library sync failed", { error: error instanceof Error ? error.message : String(error) }));
}

/** "Sync library": with Inngest the `library-sync` function runs it (through the outbox), else the in-process runner. */
export async function startLibrarySync({ by }: { by: string }): Promise<LibrarySyncRow> {
  const { db } = await getDatabase();
  const { row, started } = await startLibrarySyncRow({ db, by });
  if (!started) return row;
  if (inngestConfigured()) await enqueueOutbox({ db, messages: [{ name: librarySyncRequested.name, payload: { syncId: row.id } }] });
  else runInProcess(row.id);
  return row;
}

/**
 * At start-up: resume a sync a restart interrupted (embedded), and run the first one ever when Jellyfin is
 * configured and LIBRARY_SYNC_ON_FIRST_START is on, so History is not empty on day one.
 */
export async function librarySyncAtStart(): Promise<void> {
  const e = env();
  const { db } = await getDatabase();
  if (!inngestConfigured(e)) for (const sync of await listRunningLibrarySyncs({ db })) runInProcess(sync.id);
  if (e.LIBRARY_SYNC_ON_FIRST_START && e.JELLYFIN_URL && e.JELLYFIN_API_KEY && !(await anyLibrarySync({ db }))) {
    await startLibrarySync({ by: "first start" });
  }
}
