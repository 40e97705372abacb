import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { downloads } from "@/db/schema";
import { findRequestsByImportedPath } from "@/db/queries/workflows";
import type { DomainEvent, EpisodeNumber } from "@/lib/domain/events";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import type { ShokoClient } from "@/lib/integrations/shoko/client";
import { fileEventFromRest, shokoEventKind } from "@/lib/integrations/shoko/map";
import { shokoFileEvent, shokoFileNotMatchedEvent, shokoReleaseSaved, type ShokoFileEvent } from "@/lib/integrations/shoko/schema";

type Owner = { requestId: number; episodes: EpisodeNumber[]; path: string };

/** Shoko's RelativePath starts with a separator and may use backslashes; imports are matched on a clean tail. */
export function relativeTail(relativePath: string): string {
  return relativePath.replace(/\\/g, "/").replace(/^\/+/, "");
}

function ownersFrom(rows: { requestId: number | null; data: Record<string, unknown> | null }[], suffix: string): Owner[] {
  const owners: Owner[] = [];
  for (const { requestId, data } of rows) {
    if (requestId === null || !data) continue;
    const paths = Array.isArray(data.paths) ? data.paths.filter((p): p is string => typeof p === "string") : [];
    const path = paths.find((p) => p.replace(/\\/g, "/").toLowerCase().endsWith(suffix.toLowerCase()));
    const episodes = Array.isArray(data.episodes) ? (data.episodes as EpisodeNumber[]) : [];
    if (path) owners.push({ requestId, episodes, path });
  }
  return owners;
}

/**
 * Which request imported the file Shoko talks about: by path (the import folder's path plus RelativePath, or
 * RelativePath alone when the folder is unknown), else by file name, preferring a download of the same size.
 */
export async function findOwners(input: { db: Db; shoko: ShokoClient | null; event: ShokoFileEvent }): Promise<Owner[]> {
  const { db, shoko, event } = input;
  const rel = relativeTail(event.RelativePath);
  const folder = shoko ? await shoko.importFolder(event.ImportFolderID).catch(() => null) : null;
  const absolute = folder ? `${folder.Path.replace(/\\/g, "/").replace(/\/+$/, "")}/${rel}` : null;
  for (const suffix of [absolute, `/${rel}`].filter((s): s is string => s !== null)) {
    const owners = ownersFrom(await findRequestsByImportedPath({ db, suffix }), suffix);
    if (owners.length > 0) return owners;
  }
  const name = `/${rel.split("/").pop() ?? rel}`;
  const byName = ownersFrom(await findRequestsByImportedPath({ db, suffix: name }), name);
  if (byName.length <= 1 || !shoko) return byName;
  const size = (await shoko.file(event.FileID)).Size;
  const sized = await db
    .select()
    .from(downloads)
    .where(
      inArray(
        downloads.requestId,
        byName.map((o) => o.requestId),
      ),
    );
  const same = byName.filter((o) => sized.some((d) => d.requestId === o.requestId && d.size === size));
  return same.length > 0 ? same : byName;
}

/** A matched file (v5 FileMatched, v6 file:matched or release:saved): the requests that imported it move on. */
async function matched(db: Db, shoko: ShokoClient | null, event: ShokoFileEvent): Promise<"matched" | "ignored"> {
  const owners = await findOwners({ db, shoko, event });
  const events: DomainEvent[] = owners.map((o) => ({
    type: "anime.matched",
    requestId: o.requestId,
    episodes: o.episodes,
    fileId: event.FileID,
    path: o.path,
  }));
  if (events.length === 0) return "ignored";
  await applyTrackerEvents({ db, source: "shoko", events });
  return "matched";
}

/**
 * One Shoko hub event, v5 or v6: matched → anime.matched (and verification); not matched → match_failed with
 * Shoko's reason; v6 `release:saved` names only the file, so its path is read over REST first.
 */
export async function handleShokoEvent(input: {
  db: Db;
  shoko: ShokoClient | null;
  target: string;
  payload: unknown;
}): Promise<"matched" | "not_matched" | "ignored"> {
  const { db, shoko, target, payload } = input;
  const kind = shokoEventKind(target);
  if (kind === "matched") {
    const parsed = shokoFileEvent.safeParse(payload);
    return parsed.success ? matched(db, shoko, parsed.data) : "ignored";
  }
  if (kind === "release_saved") {
    const parsed = shokoReleaseSaved.safeParse(payload);
    if (!parsed.success || !shoko || parsed.data.Release.CrossReferences.length === 0) return "ignored";
    const event = fileEventFromRest(await shoko.file(parsed.data.FileID));
    return event ? matched(db, shoko, event) : "ignored";
  }
  if (kind === "not_matched") {
    const parsed = shokoFileNotMatchedEvent.safeParse(payload);
    if (!parsed.success) return "ignored";
    const e = parsed.data;
    const owners = await findOwners({ db, shoko, event: e });
    const name = relativeTail(e.RelativePath).split("/").pop();
    const why = e.IsUDPBanned
      ? "Shoko is banned from AniDB's UDP API for now"
      : e.HasCrossReferences
        ? "its cross-references are incomplete"
        : "AniDB does not know this file";
    const attempts = e.AutoMatchAttempts ? ` after ${e.AutoMatchAttempts} attempt${e.AutoMatchAttempts === 1 ? "" : "s"}` : "";
    const reason = `Shoko could not match ${name}${attempts}: ${why}`;
    if (owners.length === 0) return "ignored";
    const specific = true;
    await applyTrackerEvents({
      db,
      source: "shoko",
      events: owners.map((o) => ({ type: "attention.raised" as const, requestId: o.requestId, kind: "match_failed" as const, reason, specific })),
    });
    return "not_matched";
  }
  return "ignored";
}
