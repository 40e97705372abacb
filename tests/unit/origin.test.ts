import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/auth/origin";

const at = (headers: Record<string, string>) =>
  new Request("http://tracker.lan:3000/api/requests/1/actions", { method: "POST", headers: { host: "tracker.lan:3000", ...headers } });

describe("same-origin check for state-changing calls", () => {
  it.each([
    [{ "sec-fetch-site": "same-origin" }, true],
    [{ "sec-fetch-site": "none" }, true],
    [{ "sec-fetch-site": "cross-site", origin: "http://evil.example" }, false],
    [{ "sec-fetch-site": "same-site", origin: "http://other.tracker.lan:3000" }, false],
    [{ origin: "http://tracker.lan:3000" }, true],
    [{ origin: "http://evil.example" }, false],
    [{ origin: "null" }, false],
    [{}, false],
  ] as const)("%o → %s", (headers, expected) => {
    expect(isSameOrigin(at(headers))).toBe(expected);
  });
});
