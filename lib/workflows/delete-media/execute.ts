import "server-only";
import type { Db } from "@/db/client";
import { closeRequest, getRequestRow } from "@/db/queries/request-actions";
import type { DeletionTarget, StepOutcome } from "@/lib/domain/deletion";
import { serviceLabel } from "@/lib/domain/deletion";
import type { Clients } from "@/lib/integrations/clients";
import { IntegrationError } from "@/lib/integrations/http";

function plainError(error: unknown): string {
  if (error instanceof IntegrationError) {
    if (error.status === null) return `${error.service} could not be reached (${error.message.split(": ").slice(1).join(": ")})`;
    if (error.status === 401 || error.status === 403) return `${error.service} refused the API key (HTTP ${error.status})`;
    return `${error.service} answered with an error: ${error.message.split(": ").slice(1).join(": ")}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function notConfigured(target: DeletionTarget): StepOutcome {
  return { ok: false, error: `${serviceLabel[target.service]} is not configured any more` };
}

const said = (outcome: "deleted" | "already_gone", what: string) => (outcome === "deleted" ? `deleted ${what}` : `${what} was already gone`);

/**
 * One step of "Delete everywhere" against its service. Every call is safe to repeat: a 404 counts as already
 * gone, qBittorrent ignores unknown hashes, Sonarr ignores episode files it no longer has.
 */
export async function executeDeletionStep({
  db,
  clients,
  target,
  by,
}: {
  db: Db;
  clients: Clients;
  target: DeletionTarget;
  by: string;
}): Promise<StepOutcome> {
  try {
    switch (target.service) {
      case "qbittorrent": {
        if (!clients.qbit) return notConfigured(target);
        await clients.qbit.deleteTorrents(target.hashes, { deleteFiles: target.deleteFiles });
        return {
          ok: true,
          result: `removed ${target.hashes.length} torrent${target.hashes.length === 1 ? "" : "s"}${target.deleteFiles ? " with data" : ""}`,
        };
      }
      case "sonarr": {
        if (!clients.sonarr) return notConfigured(target);
        if (target.kind === "series")
          return { ok: true, result: said(await clients.sonarr.deleteSeries(target.seriesId, { deleteFiles: target.deleteFiles }), "the series") };
        await clients.sonarr.deleteEpisodeFiles(target.episodeFileIds);
        return { ok: true, result: `deleted ${target.episodeFileIds.length} episode file${target.episodeFileIds.length === 1 ? "" : "s"}` };
      }
      case "radarr": {
        if (!clients.radarr) return notConfigured(target);
        return { ok: true, result: said(await clients.radarr.deleteMovie(target.movieId, { deleteFiles: target.deleteFiles }), "the movie") };
      }
      case "shoko": {
        if (!clients.shoko) return notConfigured(target);
        let gone = 0;
        for (const id of target.fileIds) if ((await clients.shoko.deleteFileRecord(id)) === "deleted") gone += 1;
        return { ok: true, result: `forgot ${gone} of ${target.fileIds.length} file records (the rest were already gone)` };
      }
      case "jellyfin": {
        if (!clients.jellyfin) return notConfigured(target);
        let gone = 0;
        for (const id of target.itemIds) if ((await clients.jellyfin.deleteItem(id)) === "deleted") gone += 1;
        return { ok: true, result: `deleted ${gone} of ${target.itemIds.length} library items (the rest were already gone)` };
      }
      case "jellyseerr": {
        const seerr = clients.jellyseerrAdmin;
        if (!seerr) return notConfigured(target);
        const parts: string[] = [];
        if (target.requestId !== null) parts.push(said(await seerr.deleteRequest(target.requestId), "the request"));
        if (target.mediaId !== null) parts.push(said(await seerr.deleteMedia(target.mediaId), "the media record"));
        return { ok: true, result: parts.join("; ") };
      }
      case "tracker": {
        const row = await getRequestRow({ db, id: target.requestId });
        if (!row) return { ok: true, result: "the request was already removed from the tracker" };
        if (row.closedKind === "dismissed" && row.closedReason === "Deleted everywhere") return { ok: true, result: "already in History as deleted" };
        await closeRequest({ db, id: row.id, kind: "dismissed", reason: "Deleted everywhere", by, message: `Deleted everywhere by ${by}` });
        return { ok: true, result: "moved to History as deleted" };
      }
    }
  } catch (error) {
    return { ok: false, error: plainError(error) };
  }
}
