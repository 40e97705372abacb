import postgres from "postgres";
import { afterAll, expect, it } from "vitest";

/**
 * The guards scripts/patch-postgres.mjs adds to postgres.js (run by `npm install`), on a pool of one connection, so
 * that the connection the server ended is the one the next query reconnects.
 */
const sql = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });
const admin = postgres(process.env.DATABASE_URL ?? "", { max: 1, onnotice: () => {} });

afterAll(async () => {
  await Promise.all([sql.end(), admin.end()]);
});

it("does not hand the error that ended a connection to the first query of the next one", async () => {
  const [me] = await sql`select pg_backend_pid() as pid`;
  const sleeping = sql`select pg_sleep(30)`.catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await admin`select pg_terminate_backend(${me?.pid})`;
  // The query the server was running fails (the connection is gone)…
  expect(String(await sleeping)).toMatch(/CONNECTION_CLOSED|terminating connection/);
  // …and the next one, on a new connection in the same slot, runs.
  const [again] = await sql`select pg_backend_pid() as pid`;
  expect(again?.pid).not.toBe(me?.pid);
});
