import { afterEach, describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/auth/origin";
import { resetEnvForTests } from "@/lib/env";

const post = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/admin/sweep") => new Request(url, { method: "POST", headers });

afterEach(() => {
  delete process.env.AUTH_URL;
  resetEnvForTests();
});

describe("same-origin check for state-changing requests", () => {
  it("trusts the browser's Sec-Fetch-Site: same-origin and none pass, same-site and cross-site do not", () => {
    const table: [string, boolean][] = [
      ["same-origin", true],
      ["none", true],
      ["same-site", false],
      ["cross-site", false],
    ];
    for (const [site, ok] of table) expect(isSameOrigin(post({ "sec-fetch-site": site, host: "127.0.0.1:3000" })), site).toBe(ok);
    // A same-site page on another port lies about nothing: Sec-Fetch-Site decides even with a matching-looking Origin.
    expect(isSameOrigin(post({ "sec-fetch-site": "same-site", origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBe(false);
  });

  it("without Sec-Fetch-Site, compares Origin with the host the request came in on", () => {
    const table: [Record<string, string>, boolean][] = [
      [{ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, true],
      [{ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" }, false],
      [{ origin: "https://127.0.0.1:3000", host: "127.0.0.1:3000" }, false],
      [{ origin: "http://evil.example", host: "127.0.0.1:3000" }, false],
      [{ origin: "null", host: "127.0.0.1:3000" }, false],
      [{ host: "127.0.0.1:3000" }, false],
      [{ origin: "https://tracker.example", host: "127.0.0.1:3000", "x-forwarded-host": "tracker.example", "x-forwarded-proto": "https" }, true],
    ];
    for (const [headers, ok] of table) expect(isSameOrigin(post(headers)), JSON.stringify(headers)).toBe(ok);
  });

  it("uses AUTH_URL as the origin when it is set", () => {
    process.env.AUTH_URL = "https://tracker.example/";
    resetEnvForTests();
    expect(isSameOrigin(post({ origin: "https://tracker.example", host: "10.0.0.5:3000" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://10.0.0.5:3000", host: "10.0.0.5:3000" }))).toBe(false);
  });
});
