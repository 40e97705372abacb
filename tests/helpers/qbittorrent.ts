import { spawn, type ChildProcess } from "node:child_process";
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freeLoopbackPort as freePort } from "../../db/embedded/cluster";

/** A real qbittorrent-nox on loopback with a throw-away profile (contracts/qbittorrent-live.md §2.3, §9). */

export const QBIT_BINARY = "/usr/bin/qbittorrent-nox";
export const qbitInstalled = existsSync(QBIT_BINARY);

function passwordHash(password: string): string {
  const salt = randomBytes(16);
  const key = pbkdf2Sync(password, salt, 100_000, 64, "sha512");
  return `@ByteArray(${salt.toString("base64")}:${key.toString("base64")})`;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export class Qbt {
  private cookie = "";
  private constructor(
    readonly root: string,
    readonly base: string,
    readonly btPort: number,
    readonly username: string,
    readonly password: string,
    private readonly proc: ChildProcess,
    private readonly output: string[],
  ) {}

  static async start(name: string): Promise<Qbt> {
    const root = mkdtempSync(path.join(tmpdir(), `qbt-${name}-`));
    const [webPort, btPort] = [await freePort(), await freePort()];
    const password = `pw-${name}-${randomBytes(6).toString("hex")}`;
    const confDir = path.join(root, "profile/qBittorrent/config");
    mkdirSync(confDir, { recursive: true });
    writeFileSync(
      path.join(confDir, "qBittorrent.conf"),
      [
        "[LegalNotice]",
        "Accepted=true",
        "",
        "[BitTorrent]",
        `Session\\Port=${btPort}`,
        "Session\\Interface=lo",
        "Session\\InterfaceName=lo",
        "Session\\InterfaceAddress=127.0.0.1",
        "Session\\DHTEnabled=false",
        "Session\\PeXEnabled=false",
        "Session\\LSDEnabled=false",
        "Session\\MultiConnectionsPerIp=true",
        "Session\\QueueingSystemEnabled=false",
        "Session\\BTProtocol=TCP",
        "Session\\Encryption=2",
        "Session\\RefreshInterval=500",
        "",
        "[Network]",
        "PortForwardingEnabled=false",
        "",
        "[Preferences]",
        "Connection\\ResolvePeerCountries=false",
        "WebUI\\Address=127.0.0.1",
        `WebUI\\Port=${webPort}`,
        "WebUI\\Username=tester",
        `WebUI\\Password_PBKDF2="${passwordHash(password)}"`,
        "WebUI\\LocalHostAuth=true",
        "WebUI\\MaxAuthenticationFailCount=1000",
        "WebUI\\BanDuration=1",
        "",
      ].join("\n"),
    );
    const output: string[] = [];
    const proc = spawn(QBIT_BINARY, [`--profile=${path.join(root, "profile")}`], { stdio: ["ignore", "pipe", "pipe"] });
    live.add(proc);
    proc.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
    proc.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
    const qbt = new Qbt(root, `http://127.0.0.1:${webPort}`, btPort, "tester", password, proc, output);
    await qbt.waitUntilUp();
    await qbt.login();
    return qbt;
  }

  private async waitUntilUp(): Promise<void> {
    for (let i = 0; i < 600; i += 1) {
      if (this.proc.exitCode !== null) throw new Error(`qbittorrent-nox exited: ${this.output.join("")}`);
      try {
        await fetch(`${this.base}/api/v2/app/version`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    throw new Error(`qbittorrent-nox did not answer: ${this.output.join("")}`);
  }

  private async login(): Promise<void> {
    const res = await fetch(`${this.base}/api/v2/auth/login`, {
      method: "POST",
      body: new URLSearchParams({ username: this.username, password: this.password }),
    });
    const match = /(SID|QBT_SID_\d+)=([^;]+)/.exec(res.headers.get("set-cookie") ?? "");
    if (!match) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    this.cookie = `${match[1]}=${match[2]}`;
  }

  async req(apiPath: string, form?: URLSearchParams | FormData): Promise<string> {
    const res = await fetch(`${this.base}/api/v2/${apiPath}`, { method: form ? "POST" : "GET", body: form, headers: { Cookie: this.cookie } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${apiPath}: ${res.status} ${text}`);
    return text;
  }

  async addTorrent(torrent: Buffer, fields: Record<string, string>): Promise<void> {
    const form = new FormData();
    form.append("torrents", new Blob([new Uint8Array(torrent)], { type: "application/x-bittorrent" }), "file.torrent");
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const body = await this.req("torrents/add", form);
    if (body.trim() !== "Ok.") throw new Error(`torrents/add said ${body}`);
  }

  async info(hash: string): Promise<{ state: string; progress: number } | undefined> {
    const list = JSON.parse(await this.req(`torrents/info?hashes=${hash}`)) as { state: string; progress: number }[];
    return list[0];
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.proc.exitCode !== null ? resolve() : this.proc.once("exit", () => resolve())));
    await this.req("app/shutdown", new URLSearchParams()).catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    live.delete(this.proc);
    rmSync(this.root, { recursive: true, force: true });
  }
}

type Bencodable = number | string | Buffer | Bencodable[] | { [key: string]: Bencodable };

function bencode(value: Bencodable): Buffer {
  if (typeof value === "number") return Buffer.from(`i${value}e`);
  if (typeof value === "string" || Buffer.isBuffer(value)) {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from("l"), ...value.map(bencode), Buffer.from("e")]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from("d"), ...keys.flatMap((k) => [bencode(k), bencode(value[k]!)]), Buffer.from("e")]);
}

/** A random file of `bytes` and a private single-file v1 torrent of it; infoHash is lower-case like qBittorrent's. */
export function makeTorrentFile(dir: string, name: string, bytes: number): { file: string; torrent: Buffer; infoHash: string } {
  mkdirSync(dir, { recursive: true });
  const data = randomBytes(bytes);
  const file = path.join(dir, name);
  writeFileSync(file, data);
  const pieceLength = 1 << 18;
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += pieceLength)
    pieces.push(
      createHash("sha1")
        .update(data.subarray(at, at + pieceLength))
        .digest(),
    );
  const info = { length: data.length, name, "piece length": pieceLength, pieces: Buffer.concat(pieces), private: 1 };
  const torrent = bencode({ announce: "http://127.0.0.1:9/announce", info });
  return { file, torrent, infoHash: createHash("sha1").update(bencode(info)).digest("hex") };
}

/** Polls `probe` until `done` holds (or the cap), with no timing assertions. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, capMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() - started > capMs) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
