import "server-only";
import type { RequestRow } from "@/db/schema";
import { insertRequest, lockRequestByJellyseerrId, lockRequestsForMedia } from "@/db/queries/requests";
import { pickRequest, sameMedia, type MediaIds, type RequestCandidate } from "@/lib/domain/correlate";
import { titleKey } from "@/lib/domain/describe";
import type { MediaRef, Source } from "@/lib/domain/events";
import { mediaKeys, type KeyedMedia } from "@/lib/domain/park";
import type { ItemStage } from "@/lib/domain/stages";
import { log } from "@/lib/log";
import { adoptLocked, adoptRequest, type ApplyContext } from "./context";

/**
 * Advisory-lock keys for a media identity (ids and title): every delivery that could create or change its request
 * takes them, and so does a Jellyfin item looking for it (see lib/domain/park.ts).
 */
export function mediaLockKeys(media: KeyedMedia): string[] {
  return mediaKeys(media);
}

export function toCandidate(row: RequestRow): RequestCandidate {
  return {
    id: row.id,
    mediaType: row.mediaType,
    tmdbId: row.tmdbId,
    tvdbId: row.tvdbId,
    imdbId: row.imdbId,
    seasons: row.requestedSeasons,
    stage: row.stage,
    jellyseerrRequestId: row.jellyseerrRequestId,
    createdAt: row.createdAt,
  };
}

/**
 * Every request about this media, locked and loaded into the context (see adoptLocked): the request correlation picks is
 * nearly always one of them, so loading it costs no round trip of its own.
 */
async function lockCandidates(ctx: ApplyContext, media: MediaIds): Promise<RequestRow[]> {
  const locked = await lockRequestsForMedia({ db: ctx.db, media });
  adoptLocked(ctx, locked);
  return locked.rows;
}

/** Requests about this media by the same rule correlation uses (no disagreeing provider id). */
export async function requestsAboutMedia(ctx: ApplyContext, media: MediaIds): Promise<RequestRow[]> {
  const rows = await lockCandidates(ctx, media);
  return rows.filter((r) => sameMedia(r, media));
}

/** The request Jellyseerr knows by this id, locked and loaded into the context like lockCandidates'. */
export async function requestByJellyseerrId(ctx: ApplyContext, jellyseerrRequestId: number): Promise<RequestRow | null> {
  const locked = await lockRequestByJellyseerrId({ db: ctx.db, jellyseerrRequestId });
  adoptLocked(ctx, locked);
  return locked.rows[0] ?? null;
}

export async function findRequestForMedia(
  ctx: ApplyContext,
  media: MediaIds,
  seasons: readonly number[],
  options: { onlyWithoutJellyseerrId?: boolean } = {},
): Promise<RequestRow | null> {
  const rows = await lockCandidates(ctx, media);
  const picked = pickRequest(rows.map(toCandidate), media, seasons, options);
  const eligible = rows.filter((r) => r.stage !== "declined").length;
  if (picked && eligible > 1) {
    log.info("correlation chose one of several requests", { chosen: picked.id, candidates: eligible, media });
  }
  return picked ? (rows.find((r) => r.id === picked.id) ?? null) : null;
}

export async function createRequest(
  ctx: ApplyContext,
  input: { source: Source; media: MediaRef; ownStage: ItemStage; seasons?: number[] },
): Promise<RequestRow> {
  const { media } = input;
  const title = media.title ?? (media.mediaType === "movie" ? "Unknown movie" : "Unknown series");
  const row = await insertRequest({
    db: ctx.db,
    values: {
      source: input.source,
      mediaType: media.mediaType,
      tmdbId: media.tmdbId,
      tvdbId: media.tvdbId,
      imdbId: media.imdbId,
      arrId: media.arrId,
      title,
      titleKey: titleKey(title),
      year: media.year,
      posterUrl: media.posterUrl,
      isAnime: media.isAnime ?? false,
      requestedSeasons: input.seasons ?? [],
      ownStage: input.ownStage,
      stage: input.ownStage,
      stageTimes: { [input.ownStage]: ctx.now.toISOString() },
      createdAt: ctx.now,
      updatedAt: ctx.now,
    },
  });
  adoptRequest(ctx, row);
  return row;
}

/** Fills what the request does not know yet from what an upstream event knows; never overwrites ids. */
export function mediaPatch(row: RequestRow, media: MediaRef): Partial<RequestRow> {
  const patch: Partial<RequestRow> = {};
  if (row.tmdbId === null && media.tmdbId !== null) patch.tmdbId = media.tmdbId;
  if (row.tvdbId === null && media.tvdbId !== null) patch.tvdbId = media.tvdbId;
  if (row.imdbId === null && media.imdbId !== null) patch.imdbId = media.imdbId;
  if (media.arrId !== null && row.arrId !== media.arrId) patch.arrId = media.arrId;
  if (row.year === null && media.year !== null) patch.year = media.year;
  if (row.posterUrl === null && media.posterUrl !== null) patch.posterUrl = media.posterUrl;
  if (media.isAnime === true && !row.isAnime) patch.isAnime = true;
  if (media.title && row.title.startsWith("Unknown ")) {
    patch.title = media.title;
    patch.titleKey = titleKey(media.title);
  }
  return patch;
}
