const MAX_DEPTH = 32;
const sensitiveKey = /e-?mail|avatar|api[-_]?key|passw|^pw$|token|secret|authori[sz]ation|cookie|session/i;
const emailPattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

/** Strips NUL characters (Postgres text cannot hold them) and cuts nesting deeper than any sender uses. */
export function sanitise(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replace(/\u0000/g, "") : value;
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => sanitise(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Own "__proto__" keys from JSON.parse would become prototypes on assignment: drop them.
    if (k === "__proto__" || k === "constructor" || k === "prototype") continue;
    out[k.replace(/\u0000/g, "")] = sanitise(v, depth + 1);
  }
  return out;
}

/** Replaces personal data and credentials before a body is stored for diagnosis. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(emailPattern, "[redacted-email]");
  if (typeof value !== "object" || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = sensitiveKey.test(k) && v !== null && v !== "" ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

function formFields(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * Reads a webhook body whatever its declared type: JSON (Jellyfin declares text/plain), url-encoded or
 * multipart form fields (qBittorrent's curl line). Never throws.
 */
export async function decodeBody(raw: Uint8Array, contentType: string | null): Promise<Decoded> {
  const type = (contentType ?? "").toLowerCase();
  const text = new TextDecoder("utf-8").decode(raw);
  if (text.trim() === "") return { ok: false, message: "The body is empty" };
  try {
    if (type.includes("multipart/form-data")) {
      const form = await new Response(raw.slice(), { headers: { "content-type": contentType ?? "" } }).formData();
      const fields: Record<string, string> = {};
      form.forEach((v, k) => {
        if (typeof v === "string") fields[k] = v;
      });
      return { ok: true, value: sanitise(fields) };
    }
    if (type.includes("application/x-www-form-urlencoded") && !text.trimStart().startsWith("{")) {
      return { ok: true, value: sanitise(formFields(text)) };
    }
    return { ok: true, value: sanitise(JSON.parse(text)) };
  } catch {
    if (/^[\w%.-]+=/.test(text.trim())) return { ok: true, value: sanitise(formFields(text)) };
    return { ok: false, message: "The body is neither JSON nor form fields" };
  }
}

/** The body as stored: redacted JSON when it parsed, else the text with e-mail addresses removed. */
export function storedBody(raw: Uint8Array, decoded: Decoded): string {
  if (decoded.ok) return JSON.stringify(redact(decoded.value));
  return new TextDecoder("utf-8").decode(raw).replace(/\u0000/g, "").replace(emailPattern, "[redacted-email]");
}
