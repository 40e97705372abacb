import { describe, expect, it } from "vitest";
import { redact, storedBody } from "@/lib/ingest/decode";

describe("stored webhook bodies are redacted", () => {
  const body = {
    notification_type: "MEDIA_PENDING",
    subject: "Dune requested by alex@example.com",
    request: {
      requestedBy_email: "alex@example.com",
      requestedBy_username: "alex",
      requestedBy_avatar: "https://gravatar.example/avatar/123",
    },
    apiKey: "0123abcd",
    api_key: "0123abcd",
    Password: "hunter2",
    Pw: "hunter2",
    AccessToken: "tok",
    token: "tok",
    headers: { Authorization: "Bearer abc", Cookie: "authjs.session-token=x" },
    nested: [{ userEmail: "sam@example.org", note: "ping sam@example.org" }],
  };

  it("replaces e-mails, avatars, api keys, passwords, tokens and auth headers at any depth", () => {
    const out = JSON.stringify(redact(body));
    for (const secret of ["alex@example.com", "sam@example.org", "gravatar", "0123abcd", "hunter2", 'tok"', "Bearer abc", "session-token=x"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"requestedBy_username":"alex"');
    expect(out).toContain("MEDIA_PENDING");
  });

  it("removes e-mails from bodies that did not parse", () => {
    const raw = new TextEncoder().encode("not json, from alex@example.com");
    expect(storedBody(raw, { ok: false, message: "x" })).toBe("not json, from [redacted-email]");
  });
});
