import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { asc } from "drizzle-orm";
import { mockCtx } from "@inngest/test";
import { Inngest } from "inngest";
import { getDb } from "@/db/client";
import { outbox } from "@/db/schema";
import { noClients } from "@/lib/integrations/clients";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { recheckBackoff } from "@/inngest/functions/verify-availability";
import { startFakeJellyfin } from "../fakes/jellyfin";
import { allRequests, detail, resetTables } from "./db";
import { jellyseerr, radarrGrab, radarrImport } from "./payloads";
import { postWebhook } from "./webhooks";

/**
 * Shared set-up for the Inngest function tests: a fake Jellyfin, the real database, and helpers that mock
 * step.sleep / step.waitForEvent by step id. Each verify-availability scenario lives in its own file because
 * the test engine replays a run for a moment after `execute` resolves, and a later run of the same function in
 * the same module graph can pick up its result.
 */
export const fake = { current: null as Awaited<ReturnType<typeof startFakeJellyfin>> | null };

export function useFakeJellyfin() {
  beforeAll(async () => {
    await resetTables();
    fake.current = await startFakeJellyfin();
  });
  afterAll(async () => fake.current?.close());
  beforeEach(() => {
    Object.assign(jellyfin(), { items: [], mediaUpdated: [], refreshes: 0, itemLookups: 0, beforeItems: null });
  });
}

export function jellyfin() {
  if (!fake.current) throw new Error("fake Jellyfin not started");
  return fake.current.jellyfin;
}

export async function runtime() {
  const f = fake.current!;
  return {
    db: await getDb(),
    clients: { ...noClients, jellyfin: createJellyfinLibrary({ url: f.url, apiKey: f.jellyfin.apiKey, timeoutMs: 5000 }) },
  };
}

export const freshClient = () => new Inngest({ id: "status-tracker-test", isDev: true });

export const IMPORTED = "/movies/The Matrix (1999)/The Matrix (1999) {tmdb-603} [Bluray-1080p][DTS 5.1][x264]-GROUP.mkv";

let nextId = 0;

/** A movie Radarr imported (grab and import webhooks), with its own ids so tests never share a request. */
export async function importedMovie(title = "The Matrix") {
  nextId += 1;
  const tmdbId = 600 + nextId;
  const hash = String(nextId).padStart(40, "a");
  await postWebhook("jellyseerr", jellyseerr("MEDIA_AUTO_APPROVED", { requestId: 100 + nextId, tmdbId, subject: `${title} (1999)` }));
  for (const body of [radarrGrab({ hash, tmdbId, title }), radarrImport({ hash, tmdbId, title })]) {
    delete (body.movie as Record<string, unknown>).imdbId;
    delete (body.remoteMovie as Record<string, unknown>).imdbId;
    await postWebhook("radarr", body);
  }
  const row = (await allRequests()).find((r) => r.tmdbId === tmdbId);
  if (!row) throw new Error("request not created");
  return row;
}

export async function requestById(id: number) {
  return (await detail(id)).request;
}

/** Radarr's import of another movie, tagged anime (the contract example's imdb id removed: it is The Matrix's). */
export function animeImport(hash: string, tmdbId: number, title: string, path: string) {
  const body = radarrImport({ hash, tmdbId, title, tags: ["anime"] });
  delete (body.movie as Record<string, unknown>).imdbId;
  delete (body.remoteMovie as Record<string, unknown>).imdbId;
  (body.movieFile as Record<string, unknown>).path = path;
  return body;
}

export const sleeps = recheckBackoff.map((_, i) => ({ id: `backoff-${i + 1}`, handler: () => undefined }));

/**
 * step.waitForEvent mocked by step id. (A `steps` mock of a typed waitForEvent trips the SDK's event
 * validation in inngest 4.24 + @inngest/test 1.0, which sees the mock's lazy promise instead of the event.)
 */
export function waitsFor(results: Record<string, unknown>) {
  return (raw: Parameters<typeof mockCtx>[0]) => {
    const ctx = mockCtx(raw);
    const waitForEvent = vi.fn(async (id: string) => results[id] ?? null);
    return { ...ctx, step: { ...ctx.step, waitForEvent } } as ReturnType<typeof mockCtx>;
  };
}
export const noItemAdded = waitsFor({ "wait-for-jellyfin": null });

export const verifyEvent = (requestId: number) =>
  [{ name: "tracker/verify.requested", data: { requestId } }] as [{ name: string; data: { requestId: number } }];

export async function outboxOf(requestId: number) {
  const rows = await (await getDb()).select().from(outbox).orderBy(asc(outbox.id));
  return rows.filter((o) => o.payload.requestId === requestId).map((o) => o.name);
}
