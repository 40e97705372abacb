/** The settings page's calls to its own routes; an error comes back in the route's plain words. */
export async function callApi(path: string, method: "POST" | "DELETE", body?: unknown): Promise<{ ok: boolean; json: Record<string, unknown> }> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { ok: response.ok, json };
  } catch {
    return { ok: false, json: { message: "The tracker could not be reached" } };
  }
}

export function errorText(json: Record<string, unknown>): string {
  const issues = Array.isArray(json.issues) ? (json.issues as { message?: string }[]).map((i) => i.message).filter(Boolean) : [];
  return issues.length > 0 ? issues.join("; ") : typeof json.message === "string" ? json.message : "Something went wrong";
}
