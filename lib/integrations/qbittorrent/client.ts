import "server-only";
import { expectOk, httpRequest, IntegrationError, parseAnswer, type HttpCall, type HttpTarget } from "../http";
import { qbitTorrentList, type QbitTorrent } from "./schema";

export type QbitConfig = { url: string; username: string | undefined; password: string | undefined; timeoutMs: number };

export type QbitClient = {
  /** "v4.5.2"-style application version. */
  version(): Promise<string>;
  /** The torrents among these hashes the client knows (unknown hashes are simply absent). */
  torrents(hashes: readonly string[]): Promise<QbitTorrent[]>;
  /** `torrents/delete` (both fields required in 4.5.2); unknown hashes are ignored, so a repeat is harmless. */
  deleteTorrents(hashes: readonly string[], options: { deleteFiles: boolean }): Promise<void>;
};

const SERVICE = "qBittorrent";

/**
 * qBittorrent WebUI API v2 with a session cookie. The login answer differs by version: 4.x says "Fails."
 * with 200, 5.2+ answers 401; a 403 on any call means the session expired, so we log in once more.
 * The Referer names exactly the host:port we talk to, which is what the CSRF check compares.
 */
export function createQbitClient(config: QbitConfig): QbitClient {
  const target: HttpTarget = { service: SERVICE, baseUrl: config.url, timeoutMs: config.timeoutMs };
  const origin = new URL(config.url).origin;
  let cookie: string | null = null;

  async function login(): Promise<string> {
    const call: HttpCall = {
      method: "POST",
      path: "/api/v2/auth/login",
      headers: { Referer: `${origin}/`, Origin: origin },
      body: new URLSearchParams({ username: config.username ?? "", password: config.password ?? "" }),
    };
    const answer = await httpRequest(target, call);
    const body = answer.text.trim();
    if (answer.status === 401 || (answer.status === 200 && body === "Fails.")) {
      throw new IntegrationError(SERVICE, call.path, answer.status, "the username or password was rejected");
    }
    if (answer.status === 403) throw new IntegrationError(SERVICE, call.path, 403, "this address is banned after failed logins");
    expectOk(target, call, answer);
    const match = /(SID|QBT_SID_\d+)=([^;]+)/.exec(answer.headers.get("set-cookie") ?? "");
    if (!match) throw new IntegrationError(SERVICE, call.path, answer.status, "login answered without a session cookie");
    return `${match[1]}=${match[2]}`;
  }

  async function call(request: HttpCall): Promise<string> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      cookie ??= await login();
      const answer = await httpRequest(target, { ...request, headers: { ...request.headers, Cookie: cookie, Referer: `${origin}/` } });
      if (answer.status === 403 && attempt === 0) {
        cookie = null; // session expired or the server restarted
        continue;
      }
      return expectOk(target, request, answer).text;
    }
    throw new IntegrationError(SERVICE, request.path, 403, "still forbidden after logging in again");
  }

  return {
    async version() {
      return (await call({ path: "/api/v2/app/version" })).trim();
    },
    async torrents(hashes) {
      if (hashes.length === 0) return [];
      const request: HttpCall = { path: "/api/v2/torrents/info", query: { hashes: hashes.map((h) => h.toLowerCase()).join("|") } };
      const text = await call(request);
      return parseAnswer(target, request, { status: 200, headers: new Headers(), text }, qbitTorrentList);
    },
    async deleteTorrents(hashes, { deleteFiles }) {
      if (hashes.length === 0) return;
      const form = new URLSearchParams({ hashes: hashes.map((h) => h.toLowerCase()).join("|"), deleteFiles: String(deleteFiles) });
      await call({ method: "POST", path: "/api/v2/torrents/delete", body: form });
    },
  };
}
