import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDatabase, getDb, type Database } from "@/db/client";
import { latestTimelineSeq } from "@/db/queries/live";
import { liveFilter } from "@/lib/auth/policy";
import { LiveHub } from "@/lib/live/hub";
import { openEventStream } from "@/lib/live/stream";
import { resetTables } from "../helpers/db";
import { liveCollector } from "../helpers/live-collector";
import { hashes, jellyseerr, sonarrGrab, sonarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";
import { eventually } from "../helpers/eventually";

beforeEach(resetTables);

const collector = liveCollector;
const decoder = new TextDecoder();

const tv = { requestId: 301, mediaType: "tv" as const, tvdbId: 81189, tmdbId: 1396, seasons: [1], subject: "Breaking Bad (2008)" };

let hubs: LiveHub[] = [];
afterEach(() => {
  hubs = [];
});

function newHub() {
  const hub = new LiveHub(getDatabase);
  hubs.push(hub);
  return hub;
}

describe("live hub", () => {
  it("fans each timeline row out once, as the same bytes, to every client, with the request's new state", async () => {
    const hub = newHub();
    const a = collector();
    const b = collector();
    await hub.attach(a.client, null);
    await hub.attach(b.client, null);

    expect((await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", tv))).status).toBe(200);
    await eventually(() => expect(a.updates().length).toBeGreaterThanOrEqual(1));
    expect(
      (
        await postWebhook(
          "sonarr",
          sonarrGrab({
            hash: hashes.a,
            tvdbId: 81189,
            episodes: [
              { season: 1, episode: 1 },
              { season: 1, episode: 2 },
            ],
          }),
        )
      ).status,
    ).toBe(200);
    await eventually(() => expect(a.updates().at(-1)?.data.request?.stage).toBe("grabbing"));
    await eventually(() => expect(b.updates().length).toBe(a.updates().length));

    const ids = a.updates().map((u) => u.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    // The very same buffers: encoded once, written to both.
    expect(a.chunks.filter((c) => b.chunks.includes(c)).length).toBe(a.chunks.length);
    const last = a.updates().at(-1)?.data;
    expect(last?.request).toMatchObject({ title: "Breaking Bad", mediaType: "tv", stage: "grabbing" });
    expect(last?.episodes?.map((e) => [e.episodeNumber, e.stage])).toEqual([
      [1, "grabbing"],
      [2, "grabbing"],
    ]);
    expect(last?.entry.seq).toBe(last?.seq);
  });

  it("an update carries the episodes and downloads its delivery changed, not the whole series", async () => {
    const hub = newHub();
    const c = collector();
    await hub.attach(c.client, null);
    const series = { ...tv, requestId: 302, tvdbId: 121361, tmdbId: 1399, subject: "Long Series (2011)" };
    const all = Array.from({ length: 1000 }, (_, i) => ({ season: 1 + Math.floor(i / 100), episode: 1 + (i % 100) }));
    await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", series));
    expect((await postWebhook("sonarr", sonarrGrab({ hash: hashes.a, tvdbId: 121361, episodes: all }))).status).toBe(200);
    await eventually(() => expect(c.updates().at(-1)?.data.episodes).toHaveLength(1000));
    // The grab's rows may reach the stream in more than one batch, each carrying the delivery's episodes: count
    // frames only once the stream has sent every row written so far.
    const written = await latestTimelineSeq({ db: await getDb() });
    await eventually(() => expect(c.updates().at(-1)?.id).toBeGreaterThanOrEqual(written));

    const before = c.chunks.length;
    expect((await postWebhook("sonarr", sonarrGrab({ hash: hashes.b, tvdbId: 121361, episodes: [{ season: 10, episode: 100 }] }))).status).toBe(200);
    await eventually(() => expect(c.updates().at(-1)?.data.downloads?.[0]?.hash).toBe(hashes.b.toLowerCase()));
    const grab = c.updates().at(-1)?.data;
    expect(grab?.episodes?.map((e) => [e.seasonNumber, e.episodeNumber, e.stage])).toEqual([[10, 100, "grabbing"]]);
    expect(grab?.downloads).toHaveLength(1);
    expect(grab?.request?.stage).toBeDefined();

    const grabs = c.updates().length;
    expect((await postWebhook("sonarr", sonarrImport({ hash: hashes.a, tvdbId: 121361, episodes: [{ season: 1, episode: 1 }] }))).status).toBe(200);
    await eventually(() => expect(c.updates().length).toBeGreaterThan(grabs));
    expect(
      c
        .updates()
        .at(-1)
        ?.data.episodes?.map((e) => [e.seasonNumber, e.episodeNumber]),
    ).toEqual([[1, 1]]);
    // Every frame after the first 1,000-episode grab is small.
    const sizes = c.chunks.slice(before).map((chunk) => chunk.byteLength);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const size of sizes) expect(size).toBeLessThan(8 * 1024);
  });

  it("reads the database the same number of times per batch for 1 client as for 300", async () => {
    let reads = 0;
    const counting = async (): Promise<Database> => {
      const real = await getDatabase();
      const db = new Proxy(real.db, {
        get(target, prop, receiver) {
          // The query builder's entry points, and the client under it that the prepared statements use (db/raw.ts).
          if (prop === "select" || prop === "execute" || prop === "session") reads += 1;
          return Reflect.get(target, prop, receiver);
        },
      });
      return { ...real, db };
    };
    const hub = new LiveHub(counting);
    hubs.push(hub);
    const clients = [collector()];
    await hub.attach(clients[0]!.client, null);
    const batch = async (requestId: number) => {
      await eventually(() => expect(hub.clientCount).toBe(clients.length));
      const before = reads;
      const seen = clients.map((c) => c.updates().length);
      await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId, tmdbId: 60_000 + requestId, subject: `Reads ${requestId} (2020)` }));
      await eventually(() => {
        for (const [i, c] of clients.entries()) expect(c.updates().length).toBe((seen[i] ?? 0) + 1);
      });
      return reads - before;
    };
    const forOne = await batch(601);
    for (let i = 0; i < 299; i++) clients.push(collector());
    await Promise.all(clients.slice(1).map((c) => hub.attach(c.client, null)));
    const forMany = await batch(602);
    expect(forOne).toBeGreaterThan(0);
    expect(forMany).toBe(forOne);
  });

  it("replays what a client missed after its Last-Event-ID, then goes on live without duplicates", async () => {
    const hub = newHub();
    await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", tv));
    await postWebhook("jellyseerr", jellyseerr("MEDIA_APPROVED", tv));
    const first = collector();
    await hub.attach(first.client, 0);
    expect(first.updates().map((u) => u.data.entry.stage)).toEqual(["requested", "approved"]);

    const late = collector();
    await hub.attach(late.client, first.updates()[0]!.id);
    expect(late.updates().map((u) => u.data.entry.stage)).toEqual(["approved"]);

    await postWebhook("sonarr", sonarrGrab({ hash: hashes.b, tvdbId: 81189, episodes: [{ season: 1, episode: 1 }] }));
    await eventually(() => expect(late.updates().at(-1)?.data.entry.stage).toBe("grabbing"));
    const ids = late.updates().map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("streams over SSE and lets go of the client when the request is aborted", async () => {
    const hub = newHub();
    const abort = new AbortController();
    const stream = openEventStream({ afterSeq: null, signal: abort.signal, hub });
    const reader = stream.getReader();
    const preamble = decoder.decode((await reader.read()).value);
    expect(preamble).toContain("retry:");
    await eventually(() => expect(hub.clientCount).toBe(1));
    await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", tv));
    let text = "";
    while (!text.includes("event: update")) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(/^id: \d+$/m);
    abort.abort();
    expect(hub.clientCount).toBe(0);
    expect((await reader.read()).done).toBe(true);
  });

  it("under MEMBERS_SEE=own a member's stream carries only their requests, live and on replay", async () => {
    const hub = newHub();
    const sam = { name: "samantha", role: "member" as const, aliases: ["samantha", "sam", "sam@example.com"] };
    const samOnly = collector();
    const everyone = collector();
    await hub.attach({ ...samOnly.client, accepts: liveFilter(sam, "own") ?? undefined }, null);
    await hub.attach(everyone.client, null);

    await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 401, tmdbId: 4001, subject: "Alex Movie (2020)", user: "Alex" }));
    await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 402, tmdbId: 4002, subject: "Sam Movie (2021)", user: "Sam" }));
    await eventually(() => expect(everyone.updates()).toHaveLength(2));
    await eventually(() => expect(samOnly.updates()).toHaveLength(1));
    expect(samOnly.updates()[0]?.data.request?.title).toBe("Sam Movie");

    const replayed = collector();
    await hub.attach({ ...replayed.client, accepts: liveFilter(sam, "own") ?? undefined }, 0);
    expect(replayed.updates().map((u) => u.data.request?.title)).toEqual(["Sam Movie"]);
    expect(liveFilter(sam, "all")).toBeNull();
  });
});
