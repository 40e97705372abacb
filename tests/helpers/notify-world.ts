import { afterAll, beforeAll, beforeEach } from "vitest";
import { getDb } from "@/db/client";
import { addChannel } from "@/db/queries/notify-channels";
import { upsertMember } from "@/db/queries/notify-members";
import { sql } from "drizzle-orm";
import { parseAliases } from "@/lib/auth/aliases";
import type { Viewer } from "@/lib/auth/session";
import type { NotifyConfig } from "@/lib/workflows/notify/config";
import { runNotifyTick } from "@/lib/workflows/notify/run";
import { hashes, jellyfinEpisode, jellyfinMovie, jellyseerr, radarrGrab, radarrImport, sonarrGrab, sonarrImport } from "./payloads";
import { startReceivers } from "../fakes/notify-receivers";
import { resetTables } from "./db";
import { postWebhook } from "./webhooks";

export const alex: Viewer = { name: "alex", role: "member", aliases: ["alex"] };
export const root: Viewer = { name: "root", role: "admin", aliases: ["root"] };

export function testConfig(overrides: Partial<NotifyConfig> = {}): NotifyConfig {
  const parsed = parseAliases("alex=alexander,alex@example.com");
  if (!parsed.ok) throw new Error(parsed.message);
  // digestHour 24: never, so a test running after 09:00 UTC does not get a digest it did not ask for.
  return { aliases: parsed.aliases, batchMs: 120_000, baseUrl: "http://tracker.test", householdUrls: [], digestHour: 24, ...overrides };
}

export async function resetNotifyTables(): Promise<void> {
  const db = await getDb();
  await db.execute(
    sql`truncate notify_members, notify_channels, notify_follows, notify_messages, notify_items, notify_attempts, notify_state restart identity cascade`,
  );
}

/** A member with channels, as the settings page would leave them. */
export async function member(viewer: Viewer, urls: string[]) {
  const db = await getDb();
  await upsertMember({ db, viewer });
  const channels = [];
  for (const url of urls) channels.push(await addChannel({ db, viewer, scheme: url.split(":")[0]!.replace(/s$/, ""), url }));
  return channels;
}

/** A clock the test moves by hand: the services take `now` as an argument. */
export function clock(start = Date.now()) {
  let at = start;
  return {
    now: () => new Date(at),
    advance: (ms: number) => {
      at += ms;
    },
    set: (ms: number) => {
      at = ms;
    },
  };
}

export async function tick(now: Date, config = testConfig(), deliver = true) {
  return runNotifyTick({ db: await getDb(), now, config, deliver });
}

async function ok(source: string, body: unknown, options = {}) {
  const res = await postWebhook(source, body, options);
  if (res.status !== 200) throw new Error(`${source}: ${res.status} ${JSON.stringify(res.json)}`);
}

const series = { tvdbId: 81189, tmdbId: 1396, title: "Severance", type: "standard" };

/** A tv request by `user` with season 1 (episodes 1–8) grabbed and imported. */
export async function tvRequest(user: string, requestId = 58) {
  const eps = Array.from({ length: 8 }, (_, i) => ({ season: 1, episode: i + 1 }));
  await ok(
    "jellyseerr",
    jellyseerr("MEDIA_AUTO_APPROVED", { mediaType: "tv", requestId, tmdbId: 1396, tvdbId: 81189, seasons: [1], subject: "Severance (2022)", user }),
  );
  await ok("sonarr", sonarrGrab({ ...series, hash: hashes.a, episodes: eps }));
  await ok("sonarr", sonarrImport({ ...series, hash: hashes.a, episodes: eps }));
}

export async function episodeInJellyfin(episode: number) {
  await ok("jellyfin", jellyfinEpisode({ season: 1, episode }), { contentType: "text/plain" });
}

/** A movie request by `user`, all the way to playable in Jellyfin. */
export async function movieReady(user: string, o: { requestId: number; tmdbId: number; title: string; hash: string; email?: string }) {
  const { hash } = o;
  const email = o.email ?? `${user.toLowerCase()}@example.org`;
  await ok("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: o.requestId, tmdbId: o.tmdbId, subject: `${o.title} (1999)`, user, email }));
  await ok("radarr", radarrGrab({ hash, tmdbId: o.tmdbId }));
  await ok("radarr", radarrImport({ hash, tmdbId: o.tmdbId }));
  await ok("jellyfin", jellyfinMovie({ tmdbId: o.tmdbId, itemId: String(o.tmdbId).padEnd(32, "b") }), { contentType: "text/plain" });
}

type Receivers = Awaited<ReturnType<typeof startReceivers>>;

/**
 * A test file's loopback receivers (ntfy, Gotify, JSON …), started once; every test starts with empty tables and
 * nothing received. `titles(topic)` lists the ntfy titles a topic got, in order.
 */
export function useNotifyReceivers() {
  let current: Receivers | undefined;
  const ready = (): Receivers => {
    if (!current) throw new Error("the receivers start in beforeAll");
    return current;
  };
  beforeAll(async () => {
    current = await startReceivers();
  });
  afterAll(() => current?.stop());
  beforeEach(async () => {
    await resetTables();
    await resetNotifyTables();
    ready().received.length = 0;
  });
  const rx = {
    host: () => ready().host(),
    url: () => ready().url(),
    get received() {
      return ready().received;
    },
  };
  const titles = (topic: string) =>
    rx.received.filter((r) => r.path === "/" && (r.json as { topic?: string }).topic === topic).map((r) => (r.json as { title: string }).title);
  return { rx, titles };
}
