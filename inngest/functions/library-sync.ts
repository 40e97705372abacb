import type { Inngest } from "inngest";
import { failLibrarySync } from "@/db/queries/library-syncs";
import { syncLibraryPage } from "@/lib/workflows/library-sync";
import { imageBase } from "@/lib/workflows/library-sync-start";
import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { inngest } from "../client";
import { librarySyncRequested } from "../events";

/** "Sync library": one step per page (movies and series, episodes, Jellyseerr requests, queues), each retried. */
export function createLibrarySync(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest, base: () => string = imageBase) {
  return client.createFunction(
    {
      id: "library-sync",
      triggers: [{ event: librarySyncRequested }],
      concurrency: { limit: 1 },
      onFailure: async ({ event, error }) => {
        const { db } = await runtime();
        await failLibrarySync({ db, id: event.data.event.data.syncId, error: error.message });
      },
    },
    async ({ event, step }) => {
      const syncId = event.data.syncId;
      let pages = 0;
      let label = "library-0";
      for (;;) {
        const outcome = await step.run(`page-${label}`, async () => {
          const { db, clients } = await runtime();
          return syncLibraryPage({ db, clients, syncId, imageBase: base() });
        });
        pages += 1;
        if (!outcome.cursor) return { pages };
        label = `${outcome.cursor.phase}-${outcome.cursor.startIndex}`;
      }
    },
  );
}

export const librarySyncFn = createLibrarySync();
