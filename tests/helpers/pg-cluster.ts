import { startPrivatePostgres } from "../fault/postgres";

export { freeLoopbackPort } from "@/db/embedded/cluster";

/**
 * A private PostgreSQL cluster for tests that restart the database (never the shared server), as an object with
 * `restart(downMs)`: a thin shape over tests/fault/postgres.ts for the live tests and benches.
 */
export type PgCluster = {
  /** The cluster's connection URL (its own password, loopback only). */
  url: string;
  port: number;
  /** Fast shutdown (open connections get 57P01), then the data directory is removed. */
  stop(): Promise<void>;
  /** Fast shutdown, `downMs` with nothing listening on the port, then the same cluster again; resolves once it accepts connections. */
  restart(downMs: number): Promise<void>;
};

/** Starts a fresh cluster (about a second for initdb, a fraction for the server). */
export async function start({ port }: { port?: number } = {}): Promise<PgCluster> {
  const pg = await startPrivatePostgres({ port });
  return {
    url: pg.url,
    port: pg.port,
    stop: () => pg.destroy(),
    async restart(downMs) {
      await pg.stop();
      await new Promise((r) => setTimeout(r, downMs));
      await pg.start();
    },
  };
}
