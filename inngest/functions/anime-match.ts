import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { handleShokoEvent } from "@/lib/workflows/anime-match";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { Inngest } from "inngest";
import { inngest } from "../client";
import { shokoFileEvent } from "../events";

/** A Shoko FileMatched/FileNotMatched relayed from the hub: matched → verification, not matched → match_failed. */
export function createAnimeMatch(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest) {
  return client.createFunction(
    {
      id: "anime-match",
      triggers: [{ event: shokoFileEvent }],
      onFailure: async ({ error }) => {
        const { db } = await runtime();
        const message = `A Shoko file event could not be matched to a request: ${error.message}`;
        await applyTrackerEvents({
          db,
          source: "shoko",
          events: [{ type: "note", event: "shoko.failed", message, media: null, jellyseerrRequestId: null }],
        });
      },
    },
    async ({ event, step }) =>
      step.run("match-file", async () => {
        const { db, clients } = await runtime();
        return handleShokoEvent({ db, shoko: clients.shoko, target: event.data.target, payload: event.data.payload });
      }),
  );
}

export const animeMatchFn = createAnimeMatch();
