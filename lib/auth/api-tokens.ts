import { createHash, randomBytes } from "node:crypto";

/** Named API tokens: `st_` + 32 random bytes (base64url). Only the SHA-256 is stored; the secret is shown once. */
export function newTokenSecret(): { secret: string; hash: string; prefix: string } {
  const secret = `st_${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, 10) };
}

/** A uniformly random 256-bit secret needs no slow hash: SHA-256 cannot be guessed backwards. */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeNamedToken(secret: string): boolean {
  return /^st_[A-Za-z0-9_-]{43}$/.test(secret);
}
