import { redactSecrets } from "@/lib/secrets";
import { redactEmails } from "./emails";

const MAX_DEPTH = 32;
/** Any string of a body is cut to this before anything matches on it (titles of any script fit many times). */
export const MAX_STRING = 32_768;
/** A body that did not parse is kept for diagnosis up to this many characters: its start says what it was. */
const MAX_STORED_TEXT = 65_536;
/** Keys are short in every sender's format; a long one is cut before the pattern below tests it. */
const MAX_KEY = 256;
const sensitiveKey = /e-?mail|avatar|api[-_]?key|passw|^pw$|token|secret|authori[sz]ation|cookie|session/i;

export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

function bounded(text: string, max: number): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  return cut.includes("\u0000") ? cut.replace(/\u0000/g, "") : cut;
}

/**
 * Strips NUL characters (Postgres text cannot hold them), cuts strings to MAX_STRING and nesting deeper than
 * any sender uses: everything after this works on bounded input.
 */
export function sanitise(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return bounded(value, MAX_STRING);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => sanitise(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Own "__proto__" keys from JSON.parse would become prototypes on assignment: drop them.
    if (k === "__proto__" || k === "constructor" || k === "prototype") continue;
    out[bounded(k, MAX_KEY)] = sanitise(v, depth + 1);
  }
  return out;
}

/** Replaces personal data and credentials before a body is stored for diagnosis. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactEmails(value);
  if (typeof value !== "object" || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = sensitiveKey.test(k) && v !== null && v !== "" ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

/** No sender nests deeper than this; JSON.parse of a megabyte of "[" blocks the event loop for a second. */
const MAX_JSON_DEPTH = 64;

/** True when brackets outside strings nest deeper than `max`: one linear pass, before JSON.parse. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return false;
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
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, message: `The body nests deeper than ${MAX_JSON_DEPTH} levels` };
    return { ok: true, value: sanitise(JSON.parse(text)) };
  } catch {
    if (/^[\w%.-]+=/.test(text.trim())) return { ok: true, value: sanitise(formFields(text)) };
    return { ok: false, message: "The body is neither JSON nor form fields" };
  }
}

/**
 * The body as stored: redacted JSON when it parsed, else the start of the text with e-mail addresses removed; in
 * both, the values of configured secrets replaced.
 */
export function storedBody(raw: Uint8Array, decoded: Decoded): string {
  if (decoded.ok) return redactSecrets(JSON.stringify(redact(decoded.value)));
  return redactSecrets(redactEmails(bounded(new TextDecoder("utf-8").decode(raw.subarray(0, MAX_STORED_TEXT * 4)), MAX_STORED_TEXT)));
}
