import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { downloads, episodes, requests, timelineEvents, webhookDeliveries } from "@/db/schema";
import { aggregateTvStage, countStages } from "@/lib/domain/aggregate";
import { isStage } from "@/lib/domain/stages";
import { resetTables } from "../helpers/db";
import { mutate, prng } from "../helpers/mutate";
import { hashes, jellyfinEpisode, jellyseerr, qbitFinished, sonarrGrab, sonarrImportComplete } from "../helpers/payloads";
import { contract, postWebhook } from "../helpers/webhooks";

// Deliveries per source. The seeds are fixed, so a smaller run is the first part of a larger one: the default keeps
// `npm test` within its budget on two cores; FUZZ_RUNS=5000 (say) searches further.
const PER_SOURCE = Number(process.env.FUZZ_RUNS ?? 200);

const bases: Record<string, unknown[]> = {
  jellyseerr: [
    contract("jellyseerr-movie-auto-approved"),
    contract("jellyseerr-tv-pending"),
    contract("jellyseerr-media-available"),
    contract("jellyseerr-tv-available"),
    contract("jellyseerr-test-notification"),
    jellyseerr("MEDIA_DECLINED", { requestId: 9, tmdbId: 603 }),
    jellyseerr("MEDIA_FAILED", { requestId: 8, tmdbId: 604 }),
  ],
  sonarr: [
    contract("sonarr-grab"),
    contract("sonarr-download"),
    contract("sonarr-download-upgrade"),
    contract("sonarr-manual-interaction"),
    contract("sonarr-test"),
    sonarrImportComplete({ hash: hashes.a, episodes: [{ season: 1, episode: 5 }] }),
    sonarrGrab({
      hash: hashes.b,
      episodes: [
        { season: 2, episode: 1 },
        { season: 2, episode: 2 },
      ],
    }),
  ],
  radarr: [contract("radarr-grab"), contract("radarr-download"), contract("radarr-test")],
  jellyfin: [
    contract("jellyfin-itemadded-movie"),
    contract("jellyfin-itemadded-episode"),
    contract("jellyfin-itemadded-episode-shokofin"),
    jellyfinEpisode({ season: 2, episode: 1, episodeEnd: 3, tvdbId: null }),
  ],
  qbittorrent: [{ hash: hashes.a.toLowerCase(), name: "x" }, Object.fromEntries(new URLSearchParams(qbitFinished(hashes.b)))],
};

/** Values a field is realistically swapped with, so mutations also reach deep, valid-looking paths. */
const swaps: Record<string, unknown[]> = {
  eventType: ["Grab", "Download", "Test", "ManualInteractionRequired", "SeriesDelete", "MovieFileDelete", "Health", "Rename", "grab", ""],
  notification_type: ["MEDIA_PENDING", "MEDIA_APPROVED", "MEDIA_AVAILABLE", "MEDIA_DECLINED", "MEDIA_FAILED", "ISSUE_CREATED", "TEST_NOTIFICATION"],
  NotificationType: ["ItemAdded", "ItemDeleted", "PlaybackStart"],
  ItemType: ["Movie", "Episode", "Series", "Season", "Audio"],
  downloadId: [hashes.a, hashes.b.toLowerCase(), hashes.c, "SABnzbd_nzo_abc", ""],
  hash: [hashes.a, hashes.c.toLowerCase(), "zz", "a".repeat(64)],
  seasonNumber: [0, 1, 2, 99],
  episodeNumber: [1, 2, 5, 1000],
  tmdbId: [603, "603", 209867, 0],
  tvdbId: [81189, 424536, "", 0],
  request_id: ["57", "58", 57, "abc"],
  type: ["anime", "standard", "daily"],
};

const contentTypes: Record<string, string[]> = {
  jellyfin: ["text/plain", "application/json"],
  qbittorrent: ["application/json", "application/x-www-form-urlencoded"],
};

beforeAll(resetTables);
const statuses = new Map<number, number>();
afterAll(() => {
  // Kept visible in the test log: how the fuzzed deliveries were answered.
  console.info("fuzz answers by status:", Object.fromEntries(statuses));
});

describe("fuzzed contract payloads", () => {
  for (const [source, list] of Object.entries(bases)) {
    it(`${source}: ${PER_SOURCE} mutated deliveries never get a 5xx`, async () => {
      const random = prng(source.length * 7919);
      for (let i = 0; i < PER_SOURCE; i += 1) {
        const base = list[i % list.length];
        const types = contentTypes[source] ?? ["application/json"];
        const contentType = types[i % types.length] ?? "application/json";
        let raw = mutate(base, random, swaps);
        if (contentType.includes("urlencoded")) {
          try {
            raw = new URLSearchParams(JSON.parse(raw) as Record<string, string>).toString();
          } catch {
            // keep the raw text: a malformed form body is part of the fuzz
          }
        }
        const res = await postWebhook(source, null, { raw, contentType });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `case ${i}: ${raw.slice(0, 300)}`).toBeLessThan(500);
        expect([200, 202, 400, 413], `case ${i}`).toContain(res.status);
      }
    }, 180_000);
  }

  it("leaves consistent state: no unapplied delivery, stages match episodes, hashes lower-case", async () => {
    const db = await getDb();
    const errors = await db
      .select()
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.status, ["pending", "failed"]));
    expect(errors.map((e) => e.error)).toEqual([]);

    for (const r of await db.select().from(requests)) {
      expect(isStage(r.stage)).toBe(true);
      if (r.mediaType === "movie") {
        expect(r.stage).toBe(r.ownStage);
        continue;
      }
      const eps = await db.select().from(episodes).where(eq(episodes.requestId, r.id));
      const expected = aggregateTvStage({
        ownStage: r.ownStage,
        episodes: eps,
        requestedSeasons: r.requestedSeasons,
        listKnown: r.episodesListedAt !== null,
      });
      expect(r.stage, `request ${r.id}`).toBe(expected);
      expect(r.episodeCounts ?? {}).toEqual(countStages(eps));
    }
    const upper = await db.select().from(downloads).where(sql`${downloads.hash} <> lower(${downloads.hash})`);
    expect(upper).toEqual([]);
    const dangling = await db
      .select({ hash: episodes.downloadHash })
      .from(episodes)
      .where(sql`${episodes.downloadHash} is not null and not exists (select 1 from ${downloads} d where d.hash = ${episodes.downloadHash})`);
    expect(dangling).toEqual([]);
    const staged = await db.select({ n: sql<number>`count(*)::int` }).from(timelineEvents);
    expect(staged[0]?.n).toBeGreaterThan(100);
    const counted = await db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries);
    expect(counted[0]?.n).toBeGreaterThan(100);
  });
});
