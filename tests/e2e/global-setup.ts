import { startFakeJellyfin } from "../fakes/jellyfin-auth";
import { e2e } from "./env";

/** The fake Jellyfin the app signs in against, on the port the server was told. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const jellyfin = await startFakeJellyfin({ users: Object.values(e2e.users), port: e2e.jellyfinPort });
  return () => jellyfin.close();
}
