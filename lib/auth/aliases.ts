/**
 * Who a signed-in person is in Jellyseerr. Jellyseerr records a requester by its own username and
 * e-mail; the household signs in with Jellyfin names. Usually they are the same name; when not, the
 * alias map says so.
 *
 * Format of USER_ALIASES: entries separated by ";", each `<jellyfin name>=<alias>,<alias>,…`, where an
 * alias is a Jellyseerr username or e-mail. Everything is compared without case and trimmed.
 *   USER_ALIASES="alex=alexander,alex@example.com;sam=samantha"
 */
export type AliasMap = ReadonlyMap<string, readonly string[]>;

export type AliasParse = { ok: true; aliases: AliasMap } | { ok: false; message: string };

const norm = (value: string) => value.trim().toLowerCase();

export function parseAliases(text: string | undefined): AliasParse {
  const aliases = new Map<string, string[]>();
  if (!text) return { ok: true, aliases };
  for (const entry of text.split(";")) {
    if (entry.trim() === "") continue;
    const eq = entry.indexOf("=");
    if (eq < 0) return { ok: false, message: `"${entry.trim()}" has no "=": write <jellyfin name>=<alias>,<alias>` };
    const name = norm(entry.slice(0, eq));
    const values = entry
      .slice(eq + 1)
      .split(",")
      .map(norm)
      .filter(Boolean);
    if (!name || values.length === 0) return { ok: false, message: `"${entry.trim()}" needs a name and at least one alias` };
    aliases.set(name, [...new Set([...(aliases.get(name) ?? []), ...values])]);
  }
  return { ok: true, aliases };
}

/** Every lower-case name or e-mail the person may appear as in Jellyseerr, their own name first. */
export function namesOf(name: string, aliases: AliasMap): string[] {
  const own = norm(name);
  return [...new Set([own, ...(aliases.get(own) ?? [])])];
}

export type Requester = { requestedBy: string | null; requestedByEmail: string | null };

/** Whether a request was made by the person known by these names. */
export function isRequestedBy(request: Requester, names: readonly string[]): boolean {
  const candidates = [request.requestedBy, request.requestedByEmail].filter((v): v is string => !!v).map(norm);
  return candidates.some((c) => names.includes(c));
}

/** ADMIN_USERS: a comma list of Jellyfin names that are admins whatever their Jellyfin policy says. */
export function parseNameList(text: string | undefined): string[] {
  return (text ?? "").split(",").map(norm).filter(Boolean);
}
