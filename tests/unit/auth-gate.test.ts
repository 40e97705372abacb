import { describe, expect, it } from "vitest";
import { gate, normalisePath } from "@/lib/auth/gate";
import type { Viewer } from "@/lib/auth/session";

const member: Viewer = { name: "bob", role: "member", aliases: ["bob"] };
const admin: Viewer = { name: "alice", role: "admin", aliases: ["alice"] };
const at = (pathname: string, viewer: Viewer | null, hasBearer = false) => gate({ pathname, viewer, hasBearer });

describe("proxy gate", () => {
  it("lets everyone reach sign-in, Auth.js and the machine routes", () => {
    for (const path of ["/login", "/api/auth/session", "/api/auth/callback/credentials", "/api/webhooks/sonarr", "/api/inngest", "/api/health"]) {
      expect(at(path, null)).toBe("allow");
    }
  });

  it("lets a phone fetch the web manifest and app icons without cookies (to install the portal)", () => {
    for (const path of ["/manifest.webmanifest", "/icon-192.png", "/icon-512.png", "/icon-maskable-512.png", "/icon.svg", "/apple-touch-icon.png"]) {
      expect(at(path, null)).toBe("allow");
    }
    expect(at("/icon-192.png.map", null)).toBe("login");
  });

  it("does not treat look-alike paths as open", () => {
    expect(at("/api/healthz", null)).toBe("unauthorized");
    expect(at("/loginx", null)).toBe("login");
    expect(at("/api/webhooksx/sonarr", null)).toBe("unauthorized");
  });

  it("sends anonymous pages to sign-in and answers anonymous APIs with 401", () => {
    expect(at("/", null)).toBe("login");
    expect(at("/history", null)).toBe("login");
    expect(at("/api/events", null)).toBe("unauthorized");
    expect(at("/api/requests", null)).toBe("unauthorized");
  });

  it("passes a bearer token on to the read API only, where the route checks it", () => {
    expect(at("/api/requests", null, true)).toBe("allow");
    expect(at("/api/requests/12", null, true)).toBe("allow");
    expect(at("/api/events", null, true)).toBe("unauthorized");
    expect(at("/api/admin/deliveries", null, true)).toBe("unauthorized");
    expect(at("/", null, true)).toBe("login");
  });

  it("keeps admin areas for admins", () => {
    expect(at("/admin", member)).toBe("forbidden");
    expect(at("/admin/health", member)).toBe("forbidden");
    expect(at("/api/admin/deliveries", member)).toBe("forbidden");
    expect(at("/admin", admin)).toBe("allow");
    expect(at("/api/admin/deliveries", admin)).toBe("allow");
    expect(at("/administrator", member)).toBe("allow");
  });

  it("cannot be passed by encoding or doubled slashes", () => {
    expect(normalisePath("/%61dmin")).toBe("/admin");
    expect(at("/%61dmin", member)).toBe("forbidden");
    expect(at("//admin//", member)).toBe("forbidden");
    expect(at("/api/%68ealth", null)).toBe("allow");
    expect(normalisePath("/%E0%A4%A")).toBe("/%E0%A4%A");
  });
});
