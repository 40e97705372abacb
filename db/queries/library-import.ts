import "server-only";
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { titleKey } from "@/lib/domain/describe";
import type { ImportedEpisode, ImportedRequest, ImportedTitle, InFlightDownload } from "@/lib/domain/library-import";
import type { Db } from "../client";
import { downloads, episodes, requests, type RequestRow } from "../schema";

export type ImportCounts = { created: number; updated: number };

const key = (mediaType: string, kind: string, id: number | string | null) => (id === null ? null : `${mediaType}:${kind}:${id}`);

function keysOf(r: {
  mediaType: string;
  tmdbId: number | null;
  tvdbId: number | null;
  imdbId?: string | null;
  jellyfinItemId?: string | null;
}): string[] {
  return [
    key(r.mediaType, "item", r.jellyfinItemId ?? null),
    key(r.mediaType, "tmdb", r.tmdbId),
    key(r.mediaType, "tvdb", r.tvdbId),
    key(r.mediaType, "imdb", r.imdbId ?? null),
  ].filter((k): k is string => k !== null);
}

/** Existing requests sharing any provider id or Jellyfin item id with these, indexed by every key they carry. */
async function existingByKeys(
  db: Db,
  items: { mediaType: "movie" | "tv"; tmdbId: number | null; tvdbId: number | null; imdbId?: string | null; jellyfinItemId?: string | null }[],
) {
  const conditions: SQL[] = [];
  for (const mediaType of ["movie", "tv"] as const) {
    const of = items.filter((i) => i.mediaType === mediaType);
    const tmdb = of.map((i) => i.tmdbId).filter((v): v is number => v !== null);
    const tvdb = of.map((i) => i.tvdbId).filter((v): v is number => v !== null);
    const imdb = of.map((i) => i.imdbId ?? null).filter((v): v is string => v !== null);
    const parts = [
      tmdb.length ? inArray(requests.tmdbId, tmdb) : null,
      tvdb.length ? inArray(requests.tvdbId, tvdb) : null,
      imdb.length ? inArray(requests.imdbId, imdb) : null,
    ].filter((p): p is SQL => p !== null);
    if (parts.length > 0) conditions.push(and(eq(requests.mediaType, mediaType), or(...parts))!);
  }
  const itemIds = items.map((i) => i.jellyfinItemId ?? null).filter((v): v is string => v !== null);
  if (itemIds.length > 0) conditions.push(inArray(requests.jellyfinItemId, itemIds));
  const rows =
    conditions.length > 0
      ? await db
          .select()
          .from(requests)
          .where(or(...conditions))
      : [];
  const index = new Map<string, RequestRow>();
  // Oldest first wins, so a re-run always lands on the same request.
  for (const row of rows.sort((a, b) => a.id - b.id)) for (const k of keysOf(row)) if (!index.has(k)) index.set(k, row);
  return index;
}

/** Jellyfin movies and series: new ones become `available` requests with posters; known ones get their item id. */
export async function importTitles({ db, titles, now = new Date() }: { db: Db; titles: ImportedTitle[]; now?: Date }): Promise<ImportCounts> {
  const index = await existingByKeys(db, titles);
  const counts: ImportCounts = { created: 0, updated: 0 };
  const fresh: (typeof requests.$inferInsert)[] = [];
  // Keys of titles this page creates: two items of one page for the same media (a 4K copy) make one request.
  const claimed = new Set<string>();
  for (const t of titles) {
    const keys = keysOf(t);
    if (keys.some((k) => claimed.has(k))) continue;
    const found = keys.map((k) => index.get(k)).find((r) => r !== undefined);
    if (found) {
      if (found.jellyfinItemId === null || found.posterUrl === null) {
        await db
          .update(requests)
          .set({ jellyfinItemId: found.jellyfinItemId ?? t.jellyfinItemId, posterUrl: found.posterUrl ?? t.posterUrl })
          .where(eq(requests.id, found.id));
        counts.updated += 1;
      }
      continue;
    }
    for (const k of keys) claimed.add(k);
    const stamp = now.toISOString();
    fresh.push({
      source: "jellyfin",
      mediaType: t.mediaType,
      tmdbId: t.tmdbId,
      tvdbId: t.tvdbId,
      imdbId: t.imdbId,
      title: t.title,
      titleKey: titleKey(t.title),
      year: t.year,
      posterUrl: t.posterUrl,
      jellyfinItemId: t.jellyfinItemId,
      ownStage: "available",
      stage: "available",
      stageTimes: { available: stamp },
      availableAt: now,
    });
  }
  if (fresh.length > 0) {
    await db.insert(requests).values(fresh);
    counts.created = fresh.length;
  }
  return counts;
}

/** Episodes of imported series become `available` episode rows (once each); live requests are left to their webhooks. */
export async function importEpisodes({ db, items }: { db: Db; items: ImportedEpisode[] }): Promise<ImportCounts> {
  const seriesIds = [...new Set(items.map((e) => e.seriesItemId))];
  if (seriesIds.length === 0) return { created: 0, updated: 0 };
  const owners = await db
    .select({ id: requests.id, itemId: requests.jellyfinItemId })
    .from(requests)
    .where(and(eq(requests.source, "jellyfin"), eq(requests.mediaType, "tv"), inArray(requests.jellyfinItemId, seriesIds)));
  const byItem = new Map(owners.map((o) => [o.itemId, o.id]));
  const rows = items.flatMap((e) => {
    const requestId = byItem.get(e.seriesItemId);
    return requestId === undefined
      ? []
      : [
          {
            requestId,
            seasonNumber: e.seasonNumber,
            episodeNumber: e.episodeNumber,
            title: e.title,
            stage: "available" as const,
            jellyfinItemId: e.itemId,
          },
        ];
  });
  if (rows.length === 0) return { created: 0, updated: 0 };
  const inserted = await db.insert(episodes).values(rows).onConflictDoNothing().returning({ requestId: episodes.requestId });
  const touched = [...new Set(inserted.map((r) => r.requestId))];
  if (touched.length > 0) {
    await db
      .update(requests)
      .set({ episodeCounts: sql`jsonb_build_object('available', (select count(*) from episodes e where e.request_id = ${requests.id}))` })
      .where(inArray(requests.id, touched));
  }
  return { created: inserted.length, updated: 0 };
}

/** Jellyseerr's requests bring requester and request date to the titles they are about (matched by provider ids). */
export async function importSeerrRequests({ db, items }: { db: Db; items: ImportedRequest[] }): Promise<ImportCounts> {
  const known =
    items.length > 0
      ? await db
          .select({ id: requests.jellyseerrRequestId })
          .from(requests)
          .where(
            inArray(
              requests.jellyseerrRequestId,
              items.map((i) => i.jellyseerrRequestId),
            ),
          )
      : [];
  const seen = new Set(known.map((k) => k.id));
  const todo = items.filter((i) => !seen.has(i.jellyseerrRequestId));
  const index = await existingByKeys(db, todo);
  let updated = 0;
  for (const r of todo) {
    const found = keysOf(r)
      .map((k) => index.get(k))
      .find((row) => row !== undefined && row.jellyseerrRequestId === null);
    if (!found) continue;
    await db
      .update(requests)
      .set({
        jellyseerrRequestId: r.jellyseerrRequestId,
        requestedBy: r.requestedBy,
        requestedByEmail: r.requestedByEmail,
        requestedSeasons: r.seasons,
        ...(r.requestedAt ? { createdAt: r.requestedAt } : {}),
      })
      .where(and(eq(requests.id, found.id), isNull(requests.jellyseerrRequestId)));
    for (const k of keysOf(found)) index.delete(k);
    updated += 1;
  }
  return { created: 0, updated };
}

/** Downloads in Sonarr's and Radarr's queues: attached to their request, or a new `downloading` request. */
export async function importInFlight({ db, items, now = new Date() }: { db: Db; items: InFlightDownload[]; now?: Date }): Promise<ImportCounts> {
  const hashes = items.map((i) => i.hash);
  const have =
    hashes.length > 0
      ? new Set((await db.select({ hash: downloads.hash }).from(downloads).where(inArray(downloads.hash, hashes))).map((d) => d.hash))
      : new Set<string>();
  const todo = [...new Map(items.filter((i) => !have.has(i.hash)).map((i) => [i.hash, i])).values()];
  const typed = todo.map((i) => ({ ...i, mediaType: i.source === "radarr" ? ("movie" as const) : ("tv" as const) }));
  const index = await existingByKeys(db, typed);
  const counts: ImportCounts = { created: 0, updated: 0 };
  for (const d of typed) {
    let requestId = keysOf(d)
      .map((k) => index.get(k))
      .find((r) => r !== undefined)?.id;
    if (requestId === undefined) {
      const [row] = await db
        .insert(requests)
        .values({
          source: d.source,
          mediaType: d.mediaType,
          tmdbId: d.tmdbId,
          tvdbId: d.tvdbId,
          arrId: d.arrId,
          title: d.title,
          titleKey: titleKey(d.title),
          year: d.year,
          ownStage: "downloading",
          stage: "downloading",
          stageTimes: { downloading: now.toISOString() },
        })
        .returning();
      if (!row) continue;
      requestId = row.id;
      for (const k of keysOf(row)) index.set(k, row);
      counts.created += 1;
    } else {
      counts.updated += 1;
    }
    await db
      .insert(downloads)
      .values({ hash: d.hash, requestId, source: d.source, name: d.title, size: d.size, progress: d.progress, status: "downloading" })
      .onConflictDoNothing();
  }
  return counts;
}
