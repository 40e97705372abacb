import "server-only";
import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { JWT } from "next-auth/jwt";

/**
 * Auth.js's session cookie (a JWE: `dir` key management, A256CBC-HS512, or A256GCM) opened with node:crypto and the
 * key derived once per secret: Auth.js's own decode derives the key with HKDF and runs four WebCrypto jobs on every
 * call, which made 500 live clients connecting at once queue for seconds. Decode only: tokens are still issued by
 * Auth.js. Anything that does not verify is null.
 */

type Enc = "A256CBC-HS512" | "A256GCM";
type DerivedKey = { key: Buffer; kid: string };

const CLOCK_TOLERANCE_S = 15;
const derived = new Map<string, DerivedKey>();

function deriveKey(enc: Enc, secret: string, salt: string): DerivedKey {
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  const known = derived.get(id);
  if (known) return known;
  const length = enc === "A256CBC-HS512" ? 64 : 32;
  const key = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
  // The JWK thumbprint (RFC 7638) Auth.js puts in the header as `kid`.
  const kid = createHash(length === 64 ? "sha512" : "sha256")
    .update(`{"k":"${key.toString("base64url")}","kty":"oct"}`)
    .digest("base64url");
  const value = { key, kid };
  if (derived.size > 16) derived.clear();
  derived.set(id, value);
  return value;
}

function decrypt(enc: Enc, key: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
  if (enc === "A256GCM") {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const mac = createHmac("sha512", key.subarray(0, 32)).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
  if (tag.length !== mac.length || !timingSafeEqual(tag, mac)) throw new Error("bad tag");
  const decipher = createDecipheriv("aes-256-cbc", key.subarray(32), iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Same contract as Auth.js's `decode` (next-auth/jwt), so it can stand in for it in `getToken`. */
export async function decodeSessionToken({ token, secret, salt }: { token?: string; secret: string | string[]; salt: string }): Promise<JWT | null> {
  if (!token) return null;
  try {
    const [protectedHeader, encryptedKey, iv, ciphertext, tag, ...rest] = token.split(".");
    if (protectedHeader === undefined || encryptedKey !== "" || iv === undefined || ciphertext === undefined || tag === undefined || rest.length > 0)
      return null;
    const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8")) as {
      alg?: unknown;
      enc?: unknown;
      kid?: unknown;
      zip?: unknown;
    };
    if (header.alg !== "dir" || header.zip !== undefined || (header.enc !== "A256CBC-HS512" && header.enc !== "A256GCM")) return null;
    const enc = header.enc;
    for (const s of Array.isArray(secret) ? secret : [secret]) {
      const { key, kid } = deriveKey(enc, s, salt);
      if (header.kid !== undefined && header.kid !== kid) continue;
      const plain = decrypt(
        enc,
        key,
        Buffer.from(protectedHeader, "ascii"),
        Buffer.from(iv, "base64url"),
        Buffer.from(ciphertext, "base64url"),
        Buffer.from(tag, "base64url"),
      );
      const payload = JSON.parse(plain.toString("utf8")) as JWT;
      if (typeof payload !== "object" || payload === null) return null;
      const nowS = Math.floor(Date.now() / 1000);
      if (typeof payload.exp === "number" && payload.exp < nowS - CLOCK_TOLERANCE_S) return null;
      if (typeof payload.nbf === "number" && payload.nbf > nowS + CLOCK_TOLERANCE_S) return null;
      return payload;
    }
    return null;
  } catch {
    return null;
  }
}
