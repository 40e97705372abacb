import "server-only";
import type { Db } from "@/db/client";
import type { RequestRow } from "@/db/schema";
import type { DeletionFacts, DeletionService } from "@/lib/domain/deletion";
import type { Clients } from "@/lib/integrations/clients";
import { importedPaths } from "../verify";
import { snapshot } from "../sweep/items";

export type Unreachable = { service: DeletionService; error: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The last two path segments ("Season 1/E05.mkv"): what Shoko's PathEndsWith matches on, whatever the mount. */
function tail(path: string): string {
  return path.replace(/\\/g, "/").split("/").filter(Boolean).slice(-2).join("/");
}

/**
 * What each service holds for this request, asked live so the preview lists exactly what will go. A service
 * that cannot be asked is reported (its step is left out) instead of failing the whole preview.
 */
export async function gatherDeletionFacts({
  db,
  clients,
  row,
}: {
  db: Db;
  clients: Clients;
  row: RequestRow;
}): Promise<{ facts: DeletionFacts; unreachable: Unreachable[] }> {
  const snap = await snapshot(db, row);
  const unreachable: Unreachable[] = [];
  const ask = async <T>(service: DeletionService, fn: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      unreachable.push({ service, error: message(error) });
      return fallback;
    }
  };
  const hashes = snap.downloads.map((d) => d.hash);
  const qbit = clients.qbit;
  const torrentHashes = qbit && hashes.length > 0 ? await ask("qbittorrent", async () => (await qbit.torrents(hashes)).map((t) => t.hash), []) : [];

  const sonarr = clients.sonarr;
  const sonarrFacts =
    row.mediaType === "tv" && sonarr
      ? await ask(
          "sonarr",
          async () => {
            const seriesId = row.arrId ?? (row.tvdbId !== null ? (await sonarr.seriesByTvdbId(row.tvdbId))?.id : undefined);
            if (seriesId === undefined) return null;
            const episodes = await sonarr.episodes(seriesId);
            const episodeFiles = episodes
              .filter((e) => e.hasFile && e.episodeFileId)
              .map((e) => ({ id: e.episodeFileId!, seasonNumber: e.seasonNumber }));
            return { seriesId, episodeFiles };
          },
          null,
        )
      : null;

  const radarr = clients.radarr;
  const radarrFacts =
    row.mediaType === "movie" && radarr && row.tmdbId !== null
      ? await ask(
          "radarr",
          async () => {
            const movie = await radarr.movieByTmdbId(row.tmdbId!);
            return movie ? { movieId: movie.id, hasFile: movie.hasFile } : null;
          },
          null,
        )
      : null;

  const shoko = clients.shoko;
  const shokoFileIds =
    row.isAnime && shoko
      ? await ask("shoko", async () => {
          const ids = new Set<number>();
          for (const path of await importedPaths(db, row.id)) for (const f of await shoko.filesByPathEnding(tail(path))) ids.add(f.ID);
          return [...ids];
        }, [])
      : [];

  const jellyfinClient = clients.jellyfin;
  let itemId = row.jellyfinItemId;
  if (!itemId && jellyfinClient) {
    itemId = await ask(
      "jellyfin",
      async () => {
        const found =
          row.mediaType === "movie"
            ? await jellyfinClient.findMovie({ tmdbId: row.tmdbId, imdbId: row.imdbId, title: null })
            : await jellyfinClient.findSeries({ tvdbId: row.tvdbId, tmdbId: row.tmdbId, title: null });
        return found?.Id ?? null;
      },
      null,
    );
  }
  const episodeItems = snap.episodes.filter((e) => e.jellyfinItemId).map((e) => ({ seasonNumber: e.seasonNumber, itemId: e.jellyfinItemId! }));

  const seerr = clients.jellyseerrAdmin;
  const jellyseerr =
    seerr && row.jellyseerrRequestId !== null
      ? await ask(
          "jellyseerr",
          async () => {
            const found = await seerr.requestById(row.jellyseerrRequestId!);
            return { requestId: found ? found.id : null, mediaId: found?.media?.id ?? null };
          },
          null,
        )
      : null;

  const facts: DeletionFacts = {
    requestId: row.id,
    mediaType: row.mediaType,
    isAnime: row.isAnime,
    requestedSeasons: row.requestedSeasons,
    torrentHashes,
    sonarr: sonarrFacts,
    radarr: radarrFacts,
    shokoFileIds,
    jellyfin: { itemId: jellyfinClient ? itemId : null, episodes: jellyfinClient ? episodeItems : [] },
    jellyseerr,
  };
  return { facts, unreachable };
}
