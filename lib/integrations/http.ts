import "server-only";
import type { z } from "zod";

/**
 * The one HTTP helper every upstream client uses: a timeout on every call, retries with jitter for
 * idempotent reads only, and errors that name the service and the URL path (never the query string,
 * which may carry an api key).
 */

export class IntegrationError extends Error {
  constructor(
    readonly service: string,
    readonly path: string,
    readonly status: number | null,
    detail: string,
  ) {
    super(`${service} ${path}: ${detail}`);
    this.name = "IntegrationError";
  }
}

export type HttpTarget = {
  service: string;
  baseUrl: string;
  timeoutMs: number;
  /** Extra attempts for GETs after a network error, a 5xx or a 429. */
  retries?: number;
  /** Base back-off before the first retry; doubled each time, with ±50 % jitter. */
  retryDelayMs?: number;
};

export type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

export type HttpCall = {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | FormData;
};

export type HttpAnswer = { status: number; headers: Headers; text: string };

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryable(status: number): boolean {
  return status >= 500 || status === 429;
}

/** One HTTP exchange; resolves for every status (callers decide what a status means), throws on transport failure. */
export async function httpRequest(target: HttpTarget, call: HttpCall): Promise<HttpAnswer> {
  const method = call.method ?? "GET";
  const attempts = method === "GET" ? 1 + (target.retries ?? 2) : 1;
  const url = buildUrl(target.baseUrl, call.path, call.query);
  let lastError: IntegrationError | null = null;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (attempt > 0) {
      const base = (target.retryDelayMs ?? 250) * 2 ** (attempt - 1);
      await sleep(base * (0.5 + Math.random()));
    }
    try {
      const response = await fetch(url, {
        method,
        headers: call.headers,
        body: call.body,
        signal: AbortSignal.timeout(target.timeoutMs),
        redirect: "manual",
      });
      const text = await response.text();
      if (retryable(response.status) && attempt < attempts - 1) {
        lastError = new IntegrationError(target.service, call.path, response.status, `HTTP ${response.status}`);
        continue;
      }
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === "TimeoutError";
      const detail = timedOut ? `no answer within ${target.timeoutMs} ms` : `unreachable (${causeOf(error)})`;
      lastError = new IntegrationError(target.service, call.path, null, detail);
    }
  }
  throw lastError ?? new IntegrationError(target.service, call.path, null, "request failed");
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** Throws unless the status is 2xx. */
export function expectOk(target: HttpTarget, call: HttpCall, answer: HttpAnswer): HttpAnswer {
  if (answer.status >= 200 && answer.status < 300) return answer;
  const snippet = answer.text.trim().slice(0, 200);
  throw new IntegrationError(target.service, call.path, answer.status, `HTTP ${answer.status}${snippet ? ` ${snippet}` : ""}`);
}

/** Parses a JSON answer against its schema; a shape we do not expect is an error naming the field. */
export function parseAnswer<T extends z.ZodType>(target: HttpTarget, call: HttpCall, answer: HttpAnswer, schema: T): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new IntegrationError(target.service, call.path, answer.status, "answer is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.map(String).join(".") || "(body)"}: ${issue.message}` : "unexpected shape";
    throw new IntegrationError(target.service, call.path, answer.status, `unexpected answer (${where})`);
  }
  return parsed.data;
}

/** GET (or another method), require 2xx, parse JSON with the schema. */
export async function requestJson<T extends z.ZodType>(target: HttpTarget, call: HttpCall, schema: T): Promise<z.output<T>> {
  const answer = expectOk(target, call, await httpRequest(target, call));
  return parseAnswer(target, call, answer, schema);
}
