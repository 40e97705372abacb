/**
 * Channel URLs in the Apprise/Shoutrrr style self-hosters already use. Pure: parsing and masking only.
 *   ntfy://[user:pass@]host[:port]/topic      (ntfys:// for https)
 *   discord://webhook_id/webhook_token
 *   tgram://bot_token/chat_id
 *   gotify://host[:port][/path]/token          (gotifys:// for https)
 *   mailto://user:pass@smtp-host:port?to=a@x,b@y[&from=…]   (mailtos:// for implicit TLS)
 *   json://host[:port]/path                    (jsons:// for https)
 *   log://                                     (prints to the server's log: the demo's channel)
 */
export const urlSchemes = ["ntfy", "discord", "tgram", "gotify", "mailto", "json", "log"] as const;
export type UrlScheme = (typeof urlSchemes)[number];
export type ChannelScheme = UrlScheme | "webpush";

export type ChannelTarget =
  | { scheme: "ntfy"; server: string; topic: string; username: string | null; password: string | null }
  | { scheme: "discord"; webhookId: string; token: string }
  | { scheme: "tgram"; botToken: string; chatId: string }
  | { scheme: "gotify"; endpoint: string; token: string }
  | { scheme: "mailto"; host: string; port: number; secure: boolean; user: string | null; pass: string | null; to: string[]; from: string }
  | { scheme: "json"; endpoint: string }
  | { scheme: "log" };

export type ParsedChannel = { ok: true; target: ChannelTarget } | { ok: false; message: string };

const prefixes: Record<string, { scheme: UrlScheme; tls: boolean }> = {
  ntfy: { scheme: "ntfy", tls: false },
  ntfys: { scheme: "ntfy", tls: true },
  discord: { scheme: "discord", tls: true },
  tgram: { scheme: "tgram", tls: true },
  gotify: { scheme: "gotify", tls: false },
  gotifys: { scheme: "gotify", tls: true },
  mailto: { scheme: "mailto", tls: false },
  mailtos: { scheme: "mailto", tls: true },
  json: { scheme: "json", tls: false },
  jsons: { scheme: "json", tls: true },
  log: { scheme: "log", tls: false },
};

const fail = (message: string): ParsedChannel => ({ ok: false, message });

function pathParts(url: URL): string[] {
  return url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
}

function origin(url: URL, tls: boolean): string {
  return `${tls ? "https" : "http"}://${url.host}`;
}

export function parseChannelUrl(text: string): ParsedChannel {
  const trimmed = text.trim();
  const match = /^([a-z]+):\/\//i.exec(trimmed);
  const prefix = match ? prefixes[match[1]!.toLowerCase()] : undefined;
  if (!match || !prefix)
    return fail(
      `unknown scheme: use one of ${Object.keys(prefixes)
        .map((p) => `${p}://`)
        .join(", ")}`,
    );
  if (prefix.scheme === "log") return { ok: true, target: { scheme: "log" } };
  const raw = trimmed.slice(match[0].length).split("?")[0]!.split("/").filter(Boolean).map(decodeURIComponent);
  if (prefix.scheme === "discord") {
    const [id, token] = raw;
    if (!id || !/^\d+$/.test(id) || !token) return fail("discord needs the webhook id and token: discord://webhook_id/webhook_token");
    return { ok: true, target: { scheme: "discord", webhookId: id, token } };
  }
  if (prefix.scheme === "tgram") {
    // A bot token has a colon (123456:ABC…), which a URL parser would take for a port.
    const [botToken, chatId] = raw;
    if (!botToken || !chatId) return fail("tgram needs a bot token and a chat id: tgram://bot_token/chat_id");
    return { ok: true, target: { scheme: "tgram", botToken, chatId } };
  }
  let url: URL;
  try {
    // URL parses custom schemes without a host, so the scheme is swapped for http to read host and port.
    url = new URL(`http://${trimmed.slice(match[0].length)}`);
  } catch {
    return fail("not a valid URL");
  }
  const user = url.username ? decodeURIComponent(url.username) : null;
  const pass = url.password ? decodeURIComponent(url.password) : null;
  const parts = pathParts(url);
  switch (prefix.scheme) {
    case "ntfy": {
      const topic = parts.join("/");
      if (!url.hostname || !topic) return fail("ntfy needs a host and a topic: ntfy://host/topic");
      return { ok: true, target: { scheme: "ntfy", server: origin(url, prefix.tls), topic, username: user, password: pass } };
    }
    case "gotify": {
      const token = parts.pop();
      if (!url.hostname || !token) return fail("gotify needs a host and an application token: gotify://host/token");
      const base = parts.length > 0 ? `/${parts.map(encodeURIComponent).join("/")}` : "";
      return { ok: true, target: { scheme: "gotify", endpoint: `${origin(url, prefix.tls)}${base}/message`, token } };
    }
    case "mailto": {
      const to = (url.searchParams.get("to") ?? "")
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean);
      if (!url.hostname || to.length === 0) return fail("mailto needs an SMTP host and ?to=: mailto://user:pass@smtp-host:587?to=you@example.com");
      const port = url.port ? Number(url.port) : prefix.tls ? 465 : 587;
      const from = url.searchParams.get("from") ?? (user?.includes("@") ? user : `status-tracker@${url.hostname}`);
      return { ok: true, target: { scheme: "mailto", host: url.hostname, port, secure: prefix.tls, user, pass, to, from } };
    }
    case "json": {
      if (!url.hostname) return fail("json needs a host: json://host[:port]/path");
      const auth = user ? `${encodeURIComponent(user)}${pass ? `:${encodeURIComponent(pass)}` : ""}@` : "";
      return { ok: true, target: { scheme: "json", endpoint: `${prefix.tls ? "https" : "http"}://${auth}${url.host}${url.pathname}${url.search}` } };
    }
  }
}

/** The URL with passwords and tokens hidden, for pages: the scheme, host and topic stay readable. */
export function maskChannelUrl(text: string): string {
  const match = /^([a-z]+):\/\/(.*)$/i.exec(text.trim());
  if (!match) return "…";
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!.replace(/^([^@/]*)@/, (_m, cred: string) => `${cred.split(":")[0]}:•••@`);
  if (scheme === "discord" || scheme === "tgram") return `${scheme}://${rest.split(/[/:]/)[0]?.slice(0, 4) ?? ""}•••`;
  if (scheme.startsWith("gotify")) return `${scheme}://${rest.replace(/\/[^/?]+$/, "/•••")}`;
  return `${scheme}://${rest}`;
}
