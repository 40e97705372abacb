import http from "node:http";
import { encode } from "next-auth/jwt";

/** The session cookie's name over plain HTTP. */
export const SESSION_COOKIE = "authjs.session-token";

/** The Cookie header of a session, signed with `secret` as Auth.js signs it. */
export async function sessionCookieFor(sid: string, secret: string): Promise<string> {
  return `${SESSION_COOKIE}=${await encode({ token: { sid, name: "root" }, secret, salt: SESSION_COOKIE, maxAge: 600 })}`;
}

export type OpenedStream = { status: number; type: string; text: () => string; ended: Promise<void>; close: () => void };

/** GET over a connection of its own; resolves with the response headers, then keeps collecting the body. */
export function openStream(url: string, cookie?: string): Promise<OpenedStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      const ended = new Promise<void>((done) => res.once("close", () => done()));
      resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), text: () => text, ended, close: () => request.destroy() });
    });
    request.on("error", reject);
  });
}
