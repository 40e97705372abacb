import { defaultRuntime, type Runtime } from "@/lib/workflows/runtime";
import { listRequestEpisodes } from "@/lib/workflows/episodes";
import type { Inngest } from "inngest";
import { inngest } from "../client";
import { episodesRequested } from "../events";

/** An approved tv request: Sonarr's episode list makes every requested episode a row (the sweep re-reads it). */
export function createListEpisodes(runtime: () => Promise<Runtime> = defaultRuntime, client: Inngest = inngest) {
  return client.createFunction(
    { id: "list-episodes", triggers: [{ event: episodesRequested }], concurrency: { key: "event.data.requestId", limit: 1 } },
    async ({ event, step }) => step.run("list-episodes", async () => listRequestEpisodes({ ...(await runtime()), requestId: event.data.requestId })),
  );
}

export const listEpisodesFn = createListEpisodes();
