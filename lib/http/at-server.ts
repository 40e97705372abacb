import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as HttpsServer } from "node:https";
import { log } from "@/lib/log";

/**
 * Paths the HTTP server answers itself, ahead of Next. Only for the two hot paths whose cost Next's request
 * machinery dominates: the live stream (Next holds its request state as long as a stream is open) and webhooks
 * (Next's routing and route-handler work is half of a delivery's CPU). Each keeps its route handler, which
 * serves the path wherever this is not installed (a test server, `next dev` in a separate worker), so both go
 * through the same domain function.
 */
export type ServerAnswerer = {
  name: string;
  matches(request: IncomingMessage): boolean;
  serve(request: IncomingMessage, response: ServerResponse): Promise<void>;
};

/** Hooks that run on every request before anything else (e.g. stamping the peer address). */
export type RequestHook = (request: IncomingMessage) => void;

type Emit = (event: string | symbol, ...args: unknown[]) => boolean;
type Registry = { answerers: ServerAnswerer[]; hooks: RequestHook[] };
type Holder = { __statusTrackerAtServer?: Registry };
const holder = globalThis as typeof globalThis & Holder;

function answer(answerer: ServerAnswerer, request: IncomingMessage, response: ServerResponse): void {
  answerer.serve(request, response).catch((error: unknown) => {
    log.error(`${answerer.name} failed at the HTTP server`, { error: error instanceof Error ? error.message : String(error) });
    response.destroy();
  });
}

/** One patch of the servers' `emit`, however many answerers and hooks are added (each added once by name). */
function registry(): Registry {
  if (holder.__statusTrackerAtServer) return holder.__statusTrackerAtServer;
  const registered: Registry = { answerers: [], hooks: [] };
  holder.__statusTrackerAtServer = registered;
  for (const server of [HttpServer, HttpsServer]) {
    const original = server.prototype.emit as Emit;
    server.prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event !== "request") return original.call(this, event, ...args);
      const request = args[0] as IncomingMessage;
      for (const hook of registered.hooks) hook(request);
      const answerer = registered.answerers.find((a) => a.matches(request));
      if (!answerer) return original.call(this, event, ...args);
      answer(answerer, request, args[1] as ServerResponse);
      return true;
    } as typeof server.prototype.emit;
  }
  return registered;
}

/** Makes every HTTP(S) server of this process answer the requests `answerer` matches. Idempotent per name. */
export function answerAtServer(answerer: ServerAnswerer): void {
  const { answerers } = registry();
  if (!answerers.some((a) => a.name === answerer.name)) answerers.push(answerer);
}

/** Runs `hook` on every request of every HTTP(S) server of this process, before any answerer. Once per hook. */
export function onEveryRequest(hook: RequestHook): void {
  const { hooks } = registry();
  if (!hooks.includes(hook)) hooks.push(hook);
}
