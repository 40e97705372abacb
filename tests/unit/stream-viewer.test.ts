import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

// The session store is the database; what is under test is how often a live connect asks it.
const store = vi.hoisted(() => ({ reads: 0, answer: async (): Promise<SessionUser | null> => ({ name: "root", idpAdmin: true }) }));
vi.mock("@/lib/auth/sessions", () => ({
  liveSession: (sid: unknown) => {
    store.reads += 1;
    return typeof sid === "string" ? store.answer() : Promise.resolve(null);
  },
}));

const { forgetStreamSession, requireStreamViewer } = await import("@/lib/auth/request-viewer");
const { resetEnvForTests } = await import("@/lib/env");

const secret = "stream-viewer-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = secret;
resetEnvForTests();

const COOKIE = "authjs.session-token";
async function requestFor(sid: string, token?: string) {
  const value = token ?? (await encode({ token: { sid, name: "root" }, secret, salt: COOKIE, maxAge: 600 }));
  return { headers: new Headers({ cookie: `${COOKIE}=${value}` }) };
}

beforeEach(() => {
  store.reads = 0;
  store.answer = async () => ({ name: "root", idpAdmin: true });
});

describe("the live stream's session check", () => {
  it("reads a session once for many connects at once, and again once it is forgotten", async () => {
    const request = await requestFor("sid-many");
    const viewers = await Promise.all(Array.from({ length: 50 }, () => requireStreamViewer(request)));
    expect(viewers.every((v) => v.sid === "sid-many" && v.viewer.name === "root")).toBe(true);
    expect(store.reads).toBe(1);

    forgetStreamSession("sid-many");
    await requireStreamViewer(request);
    expect(store.reads).toBe(2);
  });

  it("still verifies every cookie: a tampered one is refused though its session is cached", async () => {
    const good = await requestFor("sid-tamper");
    await requireStreamViewer(good);
    const token = (good.headers.get("cookie") ?? "").split("=")[1] ?? "";
    const parts = token.split(".");
    const ct = Buffer.from(parts[3] ?? "", "base64url");
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString("base64url");
    await expect(requireStreamViewer(await requestFor("sid-tamper", parts.join(".")))).rejects.toMatchObject({ code: "unauthorized" });
    await expect(requireStreamViewer({ headers: new Headers() })).rejects.toMatchObject({ code: "unauthorized" });
  });

  it("remembers neither a failed read nor, past a few seconds, an answer", async () => {
    store.answer = async () => {
      throw new Error("database down");
    };
    const request = await requestFor("sid-fail");
    await expect(requireStreamViewer(request)).rejects.toThrow("database down");
    store.answer = async () => null;
    await expect(requireStreamViewer(request)).rejects.toMatchObject({ code: "unauthorized" });
    expect(store.reads).toBe(2);

    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      store.answer = async () => ({ name: "root", idpAdmin: true });
      const fresh = await requestFor("sid-ttl");
      await requireStreamViewer(fresh);
      vi.setSystemTime(Date.now() + 6_000);
      await requireStreamViewer(fresh);
      expect(store.reads).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
