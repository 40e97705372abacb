import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { jellyfinAuthenticationResult } from "./schema";

/** Every call gives up after this; sign-in must not hang on a sleeping server. */
const TIMEOUT_MS = 5_000;
const CLIENT = "Status Tracker";
const VERSION = "0.1.0";

export type JellyfinOptions = { baseUrl: string; timeoutMs?: number; fetchImpl?: typeof fetch };

/**
 * Jellyfin's `Authorization: MediaBrowser …` header (contracts/jellyfin.md B.1). Values are URL-decoded by
 * the server, so they are encoded here. Omit the token for the sign-in call.
 */
export function mediaBrowserAuthorization({ deviceId, token }: { deviceId: string; token?: string }): string {
  const parts: [string, string][] = [
    ["Client", CLIENT],
    ["Device", "Status Tracker server"],
    ["DeviceId", deviceId],
    ["Version", VERSION],
  ];
  if (token) parts.push(["Token", token]);
  return `MediaBrowser ${parts.map(([k, v]) => `${k}="${encodeURIComponent(v)}"`).join(", ")}`;
}

function unavailable(method: string, path: string, detail: string): AppError {
  return new AppError("service_unavailable", `Jellyfin ${method} /${path}: ${detail}`);
}

/** `path` is relative (no leading "/") so a base URL with a sub-path (`https://host/jellyfin`) keeps it. */
async function call(options: JellyfinOptions, method: string, path: string, init: RequestInit): Promise<Response> {
  const url = new URL(path, options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  try {
    return await (options.fetchImpl ?? fetch)(url, {
      ...init,
      method,
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw unavailable(method, path, timedOut ? `no answer within ${options.timeoutMs ?? TIMEOUT_MS} ms` : "unreachable");
  }
}

export type JellyfinSignIn =
  | { outcome: "ok"; user: { id: string; name: string; isAdministrator: boolean } }
  /** 401: wrong name or password. 403: the account is disabled or may not sign in remotely. */
  | { outcome: "rejected"; status: 401 | 403 };

/**
 * Checks a household member's Jellyfin name and password (B.2): a JSON body, never the query string.
 * One device id per user, so each sign-in replaces that user's previous session in Jellyfin instead of
 * piling up devices. Throws AppError("service_unavailable") when Jellyfin cannot answer.
 */
export async function authenticateByName(
  options: JellyfinOptions,
  { username, password }: { username: string; password: string },
): Promise<JellyfinSignIn> {
  const path = "Users/AuthenticateByName";
  const deviceId = `status-tracker-${createHash("sha256").update(username.toLowerCase()).digest("hex").slice(0, 24)}`;
  const response = await call(options, "POST", path, {
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      authorization: mediaBrowserAuthorization({ deviceId }),
    },
    body: JSON.stringify({ Username: username, Pw: password }),
  });
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    return { outcome: "rejected", status: response.status };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw unavailable("POST", path, `answered ${response.status}`);
  }
  const parsed = jellyfinAuthenticationResult.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw unavailable("POST", path, "answered with an unexpected body");
  const { User } = parsed.data;
  if (User.Policy?.IsDisabled) return { outcome: "rejected", status: 403 };
  return { outcome: "ok", user: { id: User.Id, name: User.Name, isAdministrator: User.Policy?.IsAdministrator === true } };
}
