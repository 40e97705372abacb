import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from "node:crypto";

/**
 * The local admin (ADMIN_USERNAME + ADMIN_PASSWORD) for houses without Jellyfin. The password is hashed
 * once with scrypt when first needed and only the hash is compared, in constant time.
 */
export type LocalAdmin = { name: string; salt: Buffer; hash: Buffer };

const KEY_LENGTH = 64;

function scryptAsync(password: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashLocalAdmin(name: string, password: string): Promise<LocalAdmin> {
  const salt = randomBytes(16);
  return { name, salt, hash: await scryptAsync(password, salt) };
}

/** The admin's configured name when both name (any case) and password match. */
export async function verifyLocalAdmin(admin: LocalAdmin, username: string, password: string): Promise<string | null> {
  // The hash is always computed, so a wrong name takes as long as a wrong password.
  const presented = await scryptAsync(password, admin.salt);
  const passwordOk = timingSafeEqual(presented, admin.hash);
  const nameOk = username.trim().toLowerCase() === admin.name.trim().toLowerCase();
  return passwordOk && nameOk ? admin.name : null;
}
