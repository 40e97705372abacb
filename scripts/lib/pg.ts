import postgres, { type Options, type PostgresType } from "postgres";
import { postgresTarget } from "../../db/url";

/** postgres.js on a database URL as the app reads it (a `?host=/socket/dir` URL goes through the Unix socket). */
export function connectPostgres(url: string, options: Options<Record<string, PostgresType>> = {}) {
  const target = postgresTarget(url);
  return postgres(target.url, { onnotice: () => {}, ...options, path: target.path });
}
