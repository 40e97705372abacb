/** A same-origin JSON call from an admin/member control; the answer's `message` (or error message) in words. */
export async function callJson(
  url: string,
  init: { method?: "GET" | "POST"; body?: unknown } = {},
): Promise<{ ok: boolean; status: number; body: Record<string, unknown>; message: string }> {
  try {
    const response = await fetch(url, {
      method: init.method ?? "POST",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = response.status === 204 ? {} : ((await response.json().catch(() => ({}))) as Record<string, unknown>);
    const message = typeof body.message === "string" ? body.message : response.ok ? "Done" : `Failed (HTTP ${response.status})`;
    return { ok: response.ok, status: response.status, body, message };
  } catch {
    return { ok: false, status: 0, body: {}, message: "The tracker could not be reached" };
  }
}

export const buttonClass =
  "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800";
export const dangerClass =
  "rounded border border-red-400 px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50 dark:text-red-400 dark:hover:bg-red-950";
