import { describe, expect, it } from "vitest";
import { decodeBody, nestsDeeperThan, sanitise, MAX_STRING } from "@/lib/ingest/decode";
import { redactEmails } from "@/lib/ingest/emails";
import { redactSecrets, secretValues } from "@/lib/secrets";
import type { Env } from "@/lib/env";

const pattern = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

describe("e-mail redaction without a backtracking pattern", () => {
  it("replaces exactly what the old pattern replaced, on many generated strings", () => {
    const alphabet = ["a", "b", ".", "@", "-", "+", " ", "_", "1", "é", "\n"];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let n = 0; n < 20_000; n += 1) {
      const text = Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      expect(redactEmails(text), JSON.stringify(text)).toBe(text.replace(pattern, "[redacted-email]"));
    }
  });

  it("handles the shapes that made the pattern quadratic", () => {
    expect(redactEmails(`${"a".repeat(200_000)}@x`)).toBe(`${"a".repeat(200_000)}@x`);
    expect(redactEmails("a@b.c ".repeat(3))).toBe("[redacted-email] ".repeat(3));
    expect(redactEmails("mail alex@example.com or sam@example.org.")).toBe("mail [redacted-email] or [redacted-email].");
  });
});

describe("untrusted bodies are bounded before anything matches on them", () => {
  it("cuts strings and keys, and refuses JSON nested deeper than any sender", async () => {
    const value = sanitise({ title: "x".repeat(MAX_STRING + 10), ["k".repeat(1000)]: 1 }) as Record<string, string>;
    expect(value.title?.length).toBe(MAX_STRING);
    expect(Object.keys(value).every((k) => k.length <= 256)).toBe(true);
    expect(nestsDeeperThan("[".repeat(65), 64)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${"[".repeat(100)}"}`, 64)).toBe(false); // brackets inside a string do not count
    expect(await decodeBody(new TextEncoder().encode("[".repeat(100_000)), "application/json")).toMatchObject({ ok: false });
  });
});

describe("configured secrets", () => {
  it("are every *_SECRET, *_TOKEN, *_API_KEY, *_PASSWORD value and the database password, replaced in any text", () => {
    const env = {
      WEBHOOK_SECRET: "hook-secret-1",
      API_TOKEN: "api-token-22",
      SONARR_API_KEY: "sonarrkey333",
      ADMIN_PASSWORD: "hunter22",
      DATABASE_URL: "postgres://u:db%40pass@h/db",
      LOG_LEVEL: "info",
      QBITTORRENT_PASSWORD: "abc",
    } as unknown as Env;
    const values = secretValues(env);
    expect(values.sort()).toEqual(["api-token-22", "db@pass", "hook-secret-1", "hunter22", "sonarrkey333"].sort());
    expect(redactSecrets("GET /x?token=api-token-22 failed for db@pass with sonarrkey333", values)).toBe(
      "GET /x?token=[redacted-secret] failed for [redacted-secret] with [redacted-secret]",
    );
  });
});
