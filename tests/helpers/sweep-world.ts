import path from "node:path";
import { createJellyfinLibrary } from "@/lib/integrations/jellyfin/library";
import { createQbitClient } from "@/lib/integrations/qbittorrent/client";
import { createRadarrClient } from "@/lib/integrations/radarr/client";
import { createShokoClient } from "@/lib/integrations/shoko/client";
import { createSonarrClient } from "@/lib/integrations/sonarr/client";
import type { Clients } from "@/lib/integrations/clients";
import { startFakeArr } from "../fakes/arr";
import { startFakeJellyfin } from "../fakes/jellyfin";
import { startFakeJellyseerr } from "../fakes/jellyseerr";
import { createJellyseerrClient } from "@/lib/integrations/jellyseerr/client";
import { startFakeShoko } from "../fakes/shoko";
import { makeTorrentFile, Qbt, until } from "./qbittorrent";

/** Fakes for Sonarr, Radarr, Jellyfin and Shoko, a real seeding qBittorrent, and clients pointed at them. */
export async function startWorld(dir: string) {
  const [qbt, sonarr, radarr, jellyfin, shoko, jellyseerr] = await Promise.all([
    Qbt.start("world"),
    startFakeArr("sonarr"),
    startFakeArr("radarr"),
    startFakeJellyfin(),
    startFakeShoko(),
    startFakeJellyseerr(),
  ]);
  const timeoutMs = 5000;
  const clients: Clients = {
    qbit: createQbitClient({ url: qbt.base, username: qbt.username, password: qbt.password, timeoutMs }),
    sonarr: createSonarrClient({ url: sonarr.url, apiKey: sonarr.arr.apiKey, timeoutMs }),
    radarr: createRadarrClient({ url: radarr.url, apiKey: radarr.arr.apiKey, timeoutMs }),
    jellyfin: createJellyfinLibrary({ url: jellyfin.url, apiKey: jellyfin.jellyfin.apiKey, timeoutMs }),
    shoko: createShokoClient({ url: shoko.url, apiKey: shoko.shoko.apiKey, timeoutMs }),
    jellyseerr: createJellyseerrClient({ url: jellyseerr.url, apiKey: jellyseerr.jellyseerr.apiKey, timeoutMs }),
    jellyseerrAdmin: null,
  };
  let n = 0;
  /** A torrent qBittorrent holds complete: what a finished download looks like when its webhook was lost. */
  async function completeTorrent(name: string): Promise<string> {
    n += 1;
    const seedDir = path.join(dir, `seed-${n}`);
    const t = makeTorrentFile(seedDir, name, 256 * 1024);
    await qbt.addTorrent(t.torrent, { savepath: seedDir, skip_checking: "true" });
    await until(
      () => qbt.info(t.infoHash),
      (i) => i?.progress === 1,
    );
    return t.infoHash;
  }
  async function stop() {
    await Promise.all([qbt.stop(), sonarr.close(), radarr.close(), jellyfin.close(), shoko.close(), jellyseerr.close()]);
  }
  return {
    qbt,
    sonarr: sonarr.arr,
    radarr: radarr.arr,
    jellyfin: jellyfin.jellyfin,
    shoko: shoko.shoko,
    jellyseerr: jellyseerr.jellyseerr,
    clients,
    completeTorrent,
    stop,
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

export const hours = (h: number) => new Date(Date.now() + h * 3_600_000);
