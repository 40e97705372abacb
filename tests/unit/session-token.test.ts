import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { EncryptJWT } from "jose";
import { hkdfSync } from "node:crypto";
import { decodeSessionToken } from "@/lib/auth/session-token";

const secret = "unit-test-secret-0123456789abcdef";
const salt = "authjs.session-token";
const token = (maxAge = 60) => encode({ token: { name: "sam", idpAdmin: true }, secret, salt, maxAge });

describe("decoding the session cookie", () => {
  it("opens what Auth.js issued", async () => {
    expect(await decodeSessionToken({ token: await token(), secret, salt })).toMatchObject({ name: "sam", idpAdmin: true });
    expect(await decodeSessionToken({ token: await token(), secret: ["another-secret-of-some-length", secret], salt })).toMatchObject({
      name: "sam",
    });
  });

  it("opens an A256GCM token too", async () => {
    const key = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32));
    const gcm = await new EncryptJWT({ name: "gcm" }).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).setExpirationTime("1m").encrypt(key);
    expect(await decodeSessionToken({ token: gcm, secret, salt })).toMatchObject({ name: "gcm" });
  });

  it.each([
    { name: "another secret", mutate: async () => ({ token: await token(), secret: "some-other-secret-0123456789abcdef", salt }) },
    { name: "another cookie name (salt)", mutate: async () => ({ token: await token(), secret, salt: "__Secure-authjs.session-token" }) },
    {
      name: "a flipped ciphertext byte",
      mutate: async () => {
        const parts = (await token()).split(".");
        const ct = Buffer.from(parts[3] ?? "", "base64url");
        ct[0] = (ct[0] ?? 0) ^ 1;
        parts[3] = ct.toString("base64url");
        return { token: parts.join("."), secret, salt };
      },
    },
    { name: "a truncated tag", mutate: async () => ({ token: (await token()).replace(/\.[^.]+$/, ".AAAA"), secret, salt }) },
    { name: "an expired token", mutate: async () => ({ token: await token(-60), secret, salt }) },
    { name: "garbage", mutate: async () => ({ token: "a.b.c.d.e", secret, salt }) },
    { name: "no token", mutate: async () => ({ token: undefined, secret, salt }) },
  ])("refuses $name", async ({ mutate }) => {
    expect(await decodeSessionToken(await mutate())).toBeNull();
  });
});
