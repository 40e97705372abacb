import { FakeArr } from "./arr";
import { FakeJellyfin } from "./jellyfin";
import { FakeQbit } from "./qbittorrent";
import { startFake } from "./server";
import { FakeShoko } from "./shoko";
import { FakeJellyseerrAdmin } from "./jellyseerr-admin";

/**
 * The whole media stack on loopback: qBittorrent, Sonarr, Radarr, Jellyfin and Shoko simulators, each on a
 * free port, with the environment that points the app at them. The Jellyseerr simulator answers the
 * request reads and deletes (its webhooks are sent by the scenario engine).
 */
export type Simulators = {
  qbit: FakeQbit;
  sonarr: FakeArr;
  radarr: FakeArr;
  jellyfin: FakeJellyfin;
  shoko: FakeShoko;
  jellyseerr: FakeJellyseerrAdmin;
  urls: { qbit: string; sonarr: string; radarr: string; jellyfin: string; shoko: string; jellyseerr: string };
  /** The app's own variables (lib/env.ts) naming every simulator and its credentials. */
  env: Record<string, string>;
  close(): Promise<void>;
};

export async function startSimulators(): Promise<Simulators> {
  const qbit = new FakeQbit();
  const sonarr = new FakeArr("sonarr", "sonarr-demo-key");
  const radarr = new FakeArr("radarr", "radarr-demo-key");
  const jellyfin = new FakeJellyfin("jellyfin-demo-key");
  const shoko = new FakeShoko("shoko-demo-key");
  const jellyseerr = new FakeJellyseerrAdmin("seerr-demo-key");
  const handlers = [qbit.handle, sonarr.handle, radarr.handle, jellyfin.handle, shoko.handle, jellyseerr.handle];
  const servers = await Promise.all(handlers.map((h) => startFake(h, { record: false })));
  const [q, so, ra, jf, sh, js] = servers.map((s) => s.url) as [string, string, string, string, string, string];
  return {
    qbit,
    sonarr,
    radarr,
    jellyfin,
    shoko,
    jellyseerr,
    urls: { qbit: q, sonarr: so, radarr: ra, jellyfin: jf, shoko: sh, jellyseerr: js },
    env: {
      QBITTORRENT_URL: q,
      QBITTORRENT_USERNAME: qbit.username,
      QBITTORRENT_PASSWORD: qbit.password,
      SONARR_URL: so,
      SONARR_API_KEY: sonarr.apiKey,
      RADARR_URL: ra,
      RADARR_API_KEY: radarr.apiKey,
      JELLYFIN_URL: jf,
      JELLYFIN_API_KEY: jellyfin.apiKey,
      SHOKO_URL: sh,
      SHOKO_API_KEY: shoko.apiKey,
      JELLYSEERR_URL: js,
      JELLYSEERR_API_KEY: jellyseerr.apiKey,
    },
    close: async () => void (await Promise.all(servers.map((s) => s.close()))),
  };
}
