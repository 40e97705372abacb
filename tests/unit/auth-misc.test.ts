import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { hashLocalAdmin, verifyLocalAdmin } from "@/lib/auth/local-admin";
import { signInMessage } from "@/lib/auth/messages";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

describe("local admin", () => {
  it("accepts the configured name in any case with the right password only", async () => {
    const admin = await hashLocalAdmin("Root", "correct horse");
    expect(admin.hash.toString("hex")).not.toContain(Buffer.from("correct horse").toString("hex"));
    expect(await verifyLocalAdmin(admin, "root", "correct horse")).toBe("Root");
    expect(await verifyLocalAdmin(admin, "root", "correct horse ")).toBeNull();
    expect(await verifyLocalAdmin(admin, "rooter", "correct horse")).toBeNull();
  });
});

describe("callbackUrl", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/requests/12?tab=timeline")).toBe("/requests/12?tab=timeline");
  });
  it("resolves tricks that browsers turn into another host to a path on this site or /", () => {
    const tricks = [
      "/.//evil.example/phish",
      "/a/..//evil.example",
      "/a/../..//evil.example",
      "/./\\evil.example",
      "\\\\evil.example",
      "\\/evil.example",
      "/%2F%2Fevil.example",
      "/%2f/evil.example",
      "%2F%2Fevil.example",
      "/%5Cevil.example",
      "/%5cevil.example",
      "/\tevil",
      "/\t/evil.example",
      "/\n/evil.example",
      "/%09/evil.example",
      "/%00",
      "http:/evil.example",
      "/\u0000//evil.example",
      " //evil.example",
      "https:evil.example",
      "/@evil.example",
      "/\u3000/evil.example",
    ];
    for (const value of tricks) {
      const result = safeCallbackPath(value);
      const resolved = new URL(result, "https://tracker.example");
      expect(resolved.origin, `${JSON.stringify(value)} → ${result}`).toBe("https://tracker.example");
      // A path that resolves to "//host" sends the browser to that host when it is followed as a location.
      expect(result.startsWith("/") && !resolved.pathname.startsWith("//"), `${JSON.stringify(value)} → ${result}`).toBe(true);
    }
    expect(safeCallbackPath("/.//evil.example/phish")).toBe("/evil.example/phish");
    expect(safeCallbackPath("/a/..//evil.example")).toBe("/evil.example");
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/");
    expect(safeCallbackPath("/?q=a%2Fb")).toBe("/?q=a%2Fb");
    expect(safeCallbackPath("/./login")).toBe("/");
  });
  it("refuses other origins and loops back to sign-in", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/login",
      "/login?x=1",
      "/api/auth/signout",
      42,
      undefined,
    ]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});

describe("sign-in messages", () => {
  it("says the same for a wrong name and a wrong password", () => {
    expect(signInMessage("credentials", "CredentialsSignin")).toBe("Wrong username or password.");
    expect(signInMessage(null, "CredentialsSignin")).toBe("Wrong username or password.");
    expect(signInMessage("rate_limited", "CredentialsSignin")).toMatch(/Too many/);
    expect(signInMessage(null, null)).toBeNull();
  });
});

describe("security headers", () => {
  it("has no unsafe-eval in production, and the clickjacking and sniffing guards", () => {
    const csp = contentSecurityPolicy({ dev: false });
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'unsafe-inline'/);
    const names = securityHeaders({ dev: false }).map((h) => h.key);
    expect(names).toEqual(expect.arrayContaining(["Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"]));
  });
  it("allows eval only for the development server", () => {
    expect(contentSecurityPolicy({ dev: true })).toContain("'unsafe-eval'");
  });
});
