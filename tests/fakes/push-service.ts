import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import path from "node:path";

/** The loopback push service's certificate: the app trusts it through NOTIFY_PUSH_CA_FILE (push services are https). */
export const PUSH_CA_FILE = path.join(import.meta.dirname, "../fixtures/tls/push-service.pem");
const tls = { cert: readFileSync(PUSH_CA_FILE), key: readFileSync(path.join(import.meta.dirname, "../fixtures/tls/push-service.key")) };

/** A browser's side of a push subscription: the keys only the receiving device holds. */
export type TestSubscription = {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  privateKey: Buffer;
  publicKey: Buffer;
  authSecret: Buffer;
};

const b64u = (b: Buffer) => b.toString("base64url");
const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** RFC 8291 §3.4 / RFC 8188: decrypts a single-record aes128gcm body with the subscriber's private key and auth secret. */
export function decryptAes128gcm(body: Buffer, sub: Pick<TestSubscription, "privateKey" | "publicKey" | "authSecret">): string {
  const salt = body.subarray(0, 16);
  const idlen = body.readUInt8(20);
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(sub.privateKey);
  const ecdhSecret = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), sub.publicKey, asPublic]);
  const ikm = hmac(hmac(sub.authSecret, ecdhSecret), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error("missing the last-record delimiter (0x02)");
  return padded.subarray(0, end).toString("utf8");
}

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; the JWT is ES256 over the key, for this origin, not expired. */
export function checkVapid(
  header: string | undefined,
  origin: string,
  expectedKey: string | null,
): { ok: true; sub: string } | { ok: false; why: string } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) return { ok: false, why: "no vapid authorization" };
  const [jwt, k] = [match[1]!, match[2]!];
  if (expectedKey && k !== expectedKey) return { ok: false, why: "not the applicationServerKey the subscription was made with" };
  const raw = Buffer.from(k, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) }, format: "jwk" });
  const [h, p, s] = jwt.split(".");
  if (!h || !p || !s) return { ok: false, why: "malformed JWT" };
  const header2 = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string };
  if (header2.alg !== "ES256") return { ok: false, why: "JWT is not ES256" };
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url")))
    return { ok: false, why: "bad JWT signature" };
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
  if (claims.aud !== origin) return { ok: false, why: `aud ${claims.aud} is not ${origin}` };
  if (!claims.exp || claims.exp * 1000 < Date.now() || claims.exp * 1000 > Date.now() + 24 * 3600_000 + 60_000)
    return { ok: false, why: "exp out of range" };
  return { ok: true, sub: claims.sub ?? "" };
}

/**
 * A push service on loopback: accepts POST /push/{id} for subscriptions it created, checks VAPID, decrypts the
 * payload with the subscriber's keys and keeps the plaintext. `gone` ids answer 410 like a real service.
 */
export async function startPushService() {
  const subscriptions = new Map<string, TestSubscription & { serverKey: string | null }>();
  const delivered: { id: string; payload: string; ttl: string | undefined; sub: string }[] = [];
  const rejected: { id: string; why: string }[] = [];
  const gone = new Set<string>();
  const server: Server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1] ?? "";
      const sub = subscriptions.get(id);
      const answer = (status: number, why = "") => {
        if (why) rejected.push({ id, why });
        res.writeHead(status).end(why);
      };
      if (req.method !== "POST" || !sub || gone.has(id)) return answer(gone.has(id) ? 410 : 404, "no such subscription");
      const vapid = checkVapid(req.headers.authorization, origin, sub.serverKey);
      if (!vapid.ok) return answer(403, vapid.why);
      if (req.headers["content-encoding"] !== "aes128gcm") return answer(415, "expected aes128gcm");
      try {
        delivered.push({ id, payload: decryptAes128gcm(Buffer.concat(chunks), sub), ttl: req.headers.ttl as string | undefined, sub: vapid.sub });
      } catch (error) {
        return answer(400, `cannot decrypt: ${(error as Error).message}`);
      }
      answer(201);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const origin = `https://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    origin,
    delivered,
    rejected,
    gone,
    /** What a browser does on pushManager.subscribe(): new keys, an endpoint on this service. */
    subscribe(serverKey: string | null = null): TestSubscription {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const id = randomBytes(8).toString("hex");
      const publicKey = ecdh.getPublicKey();
      const sub = {
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: b64u(publicKey), auth: b64u(authSecret) },
        privateKey: ecdh.getPrivateKey(),
        publicKey,
        authSecret,
      };
      subscriptions.set(id, { ...sub, serverKey });
      return sub;
    },
    /** Registers keys a real browser page made (WebCrypto), so its pushes can be decrypted here too. */
    register(id: string, keys: { privateKey: Buffer; publicKey: Buffer; authSecret: Buffer }, serverKey: string | null) {
      subscriptions.set(id, {
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: b64u(keys.publicKey), auth: b64u(keys.authSecret) },
        ...keys,
        serverKey,
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
