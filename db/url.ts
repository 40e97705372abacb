/**
 * A database URL as postgres.js takes it. libpq's way of naming a Unix socket, `?host=/run/postgresql` (a socket
 * directory), is not one postgres.js reads from a URL, and it would send an unknown `host` setting to the server:
 * it becomes the driver's `path` option (`<dir>/.s.PGSQL.<port>`; undefined for TCP, which the driver ignores) and leaves the URL.
 */
export function postgresTarget(url: string): { url: string; path?: string } {
  const query = url.indexOf("?");
  if (query < 0) return { url };
  const params = new URLSearchParams(url.slice(query + 1));
  const dir = params.get("host");
  if (!dir?.startsWith("/")) return { url };
  params.delete("host");
  const port = /^[^?]*:\/\/[^/?]*:(\d+)(?:[/?]|$)/.exec(url)?.[1] ?? "5432";
  const rest = params.toString();
  return { url: url.slice(0, query) + (rest ? `?${rest}` : ""), path: `${dir.replace(/\/+$/, "")}/.s.PGSQL.${port}` };
}
