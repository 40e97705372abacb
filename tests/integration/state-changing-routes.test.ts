import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import * as healthProbe from "@/app/api/admin/health/[service]/route";
import * as sweep from "@/app/api/admin/sweep/route";

/**
 * The handlers themselves refuse a POST from another origin, whatever the proxy in front let through:
 * they answer 403 before reading a session or doing any work.
 */
const foreign: Record<string, Record<string, string>> = {
  "another site": { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
  "another port": { origin: "http://127.0.0.1:3001", "sec-fetch-site": "same-site" },
  "no Origin": {},
};

const post = (path: string, headers: Record<string, string>) =>
  new NextRequest(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { host: "127.0.0.1:3000", cookie: "authjs.session-token=x", ...headers },
  });

describe("state-changing route handlers check the origin themselves", () => {
  it("answers 403 to a cross-origin POST on every admin action and Auth.js POST", async () => {
    for (const [label, headers] of Object.entries(foreign)) {
      expect((await sweep.POST(post("/api/admin/sweep", headers))).status, `sweep from ${label}`).toBe(403);
      const params = { params: Promise.resolve({ service: "sonarr" }) };
      expect((await healthProbe.POST(post("/api/admin/health/sonarr", headers), params)).status, `probe from ${label}`).toBe(403);
      for (const path of ["/api/auth/signout", "/api/auth/callback/credentials"]) {
        expect((await authRoute.POST(post(path, headers))).status, `${path} from ${label}`).toBe(403);
      }
    }
  });
});
