import { describe, expect, it } from "vitest";
import { signInSetupProblems } from "@/lib/auth/setup";

describe("signInSetupProblems", () => {
  const base = { AUTH_SECRET: "s", NODE_ENV: "production" as const, JELLYFIN_URL: undefined, ADMIN_USERNAME: "root" };
  it("is empty when a secret and a way to sign in exist", () => {
    expect(signInSetupProblems(base)).toEqual([]);
    expect(signInSetupProblems({ ...base, ADMIN_USERNAME: undefined, JELLYFIN_URL: "http://jf:8096" })).toEqual([]);
  });
  it("names a missing secret in production only", () => {
    expect(signInSetupProblems({ ...base, AUTH_SECRET: undefined })).toEqual([expect.stringContaining("AUTH_SECRET")]);
    expect(signInSetupProblems({ ...base, AUTH_SECRET: undefined, NODE_ENV: "development" })).toEqual([]);
  });
  it("names a missing way to sign in", () => {
    expect(signInSetupProblems({ ...base, ADMIN_USERNAME: undefined })).toEqual([expect.stringContaining("JELLYFIN_URL")]);
  });
});
