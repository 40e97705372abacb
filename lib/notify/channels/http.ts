import "server-only";

/** What a channel says when a send fails: the words shown beside the channel and in the admin's list. */
export class ChannelError extends Error {
  constructor(
    message: string,
    /** The receiver said this target is gone for good (a push subscription answered 404/410). */
    readonly gone = false,
  ) {
    super(message);
    this.name = "ChannelError";
  }
}

export const SEND_TIMEOUT_MS = 10_000;

function reachError(what: string, url: string, error: unknown): ChannelError {
  const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : String(error);
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (cause === "TimeoutError") return new ChannelError(`${what} at ${host} did not answer within ${SEND_TIMEOUT_MS / 1000} s`);
  return new ChannelError(`could not reach ${what} at ${host} (${cause})`);
}

/** POSTs and throws a ChannelError in plain words for anything but a 2xx. */
export async function post(what: string, url: string, init: { headers?: Record<string, string>; body: string }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    throw reachError(what, url, error);
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => "")).replace(/\s+/g, " ").trim().slice(0, 200);
    throw new ChannelError(`${what} answered ${response.status} ${response.statusText}${text ? `: ${text}` : ""}`.trim());
  }
  return response;
}

export function postJson(what: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return post(what, url, { headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}
