import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { startCluster } from "../../db/embedded/cluster";
import { EMBEDDED_POSTGRES_DEFAULTS } from "../../db/embedded/defaults";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

type AnyDb = PgDatabase<PgQueryResultHKT>;

/** Every seeded request's title key starts with this, so a benchmark can tell them from its own. */
export const SEEDED_TITLE_KEY_PREFIX = "seededtitle";

// Roughly a household's long tail: most requests long finished, a fifth still on their way.
const seedSql = (count: number) => sql`
  insert into requests (source, media_type, jellyseerr_request_id, tmdb_id, title, title_key, year, requested_by,
                        own_stage, stage, stage_times, episode_counts, available_at, created_at, updated_at)
  select 'jellyseerr',
         case when g % 3 = 0 then 'tv' else 'movie' end,
         1000000 + g, 2000000 + g,
         'Seeded title ' || g, ${SEEDED_TITLE_KEY_PREFIX}::text || g, 1980 + g % 45,
         (array['Alice','Bob','Carol','Dan','Eve'])[1 + g % 5],
         s.stage, s.stage,
         jsonb_build_object('requested', now() - (g || ' minutes')::interval),
         case when g % 3 = 0 then jsonb_build_object(s.stage, 10) else null end,
         case when s.stage = 'available' then now() - (g || ' minutes')::interval + interval '2 hours' end,
         now() - (g || ' minutes')::interval,
         now() - (g || ' minutes')::interval
  from generate_series(1, ${count}) as g
  cross join lateral (select case
    when g % 10 < 7 then 'available'
    when g % 10 = 7 then (array['requested','approved','grabbing','downloading','importing'])[1 + g % 5]
    when g % 10 = 8 then 'downloading'
    else (array['failed','declined','anime_matching'])[1 + g % 3] end as stage) s`;

/**
 * Creates the schema and `count` requests in the database the server will use: DATABASE_URL's, or the embedded
 * PostgreSQL in EMBEDDED_POSTGRES_DIR, started here for the seeding and stopped before the app opens it. The schema is
 * the one of the checkout in `appDir` (another build measured beside this one has its own).
 */
export async function seedRequests(env: Record<string, string>, count: number, appDir = "."): Promise<void> {
  const migrationsFolder = path.join(appDir, "db/migrations");
  const cluster = env.DATABASE_URL
    ? null
    : await startCluster({
        dir: env.EMBEDDED_POSTGRES_DIR ?? EMBEDDED_POSTGRES_DEFAULTS.dir,
        user: env.EMBEDDED_POSTGRES_USER || EMBEDDED_POSTGRES_DEFAULTS.user,
      });
  const url = env.DATABASE_URL ?? cluster?.url ?? "";
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder });
    await (db as unknown as AnyDb).execute(seedSql(count));
    // A library built over months has long been vacuumed and analysed; without this, autovacuum does it for the
    // freshly inserted rows a minute later, in the middle of whatever is being measured.
    if (count > 0) await client.unsafe("vacuum analyze");
    // And it has long been written to disk. The embedded cluster writes it when it stops below; a server kept the
    // pages dirty, and the kernel's writeback of them about 30 s later stalled the measured commits' WAL flushes
    // (IO/WALSync for 200-300 ms in pg_stat_activity). CHECKPOINT needs a superuser or pg_checkpoint; without either
    // the figures may carry that stall, and the run says so.
    if (count > 0 && !cluster) {
      await client.unsafe("checkpoint").catch((error: { code?: string }) => {
        if (error.code !== "42501") throw error;
        console.warn("seeding: no right to CHECKPOINT here; the seeded pages are written back during the measurement");
      });
    }
  } finally {
    await client.end();
    await cluster?.stop();
  }
}
