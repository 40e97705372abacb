import { randomBytes } from "node:crypto";
import { contract } from "../helpers/contracts";
import { startFake, type FakeRequest, type FakeResponse } from "./server";

/**
 * qBittorrent 4.5.2, WebUI API 2.8.19, as contracts/qbittorrent.md describes it: form-encoded login answering
 * 200 "Ok." with `SID` or 200 "Fails.", 403 for any call without a session, `torrents/info?hashes=a|b`
 * (case-insensitive, unknown hashes left out) with exactly the 49 keys of the 4.5.2 torrent object, keys sorted.
 * Progress is a function of the clock, so the app's poller sees a download advance between two calls.
 */
export type SimTorrent = {
  hash: string;
  name: string;
  size: number;
  category: string;
  addedAt: number;
  /** Milliseconds from `addedAt` to 100 %. */
  durationMs: number;
  /** The swarm disappears at this fraction: `stalledDL`, 0 B/s, eta infinite. */
  stallAt?: number;
};

const MAX_ETA = 8_640_000;
const TEMPLATE = contract<Record<string, unknown>[]>("qbit-torrents-info")[0]!;

export class FakeQbit {
  torrents: SimTorrent[] = [];
  /** Every torrents/delete call as "hashes deleteFiles=…", in order. */
  deletes: string[] = [];
  private sessions = new Set<string>();
  constructor(
    readonly username = "admin",
    readonly password = "adminadmin",
    private readonly now: () => number = Date.now,
  ) {}

  add(t: Omit<SimTorrent, "addedAt" | "hash"> & { hash: string; addedAt?: number }): SimTorrent {
    const torrent: SimTorrent = { ...t, hash: t.hash.toLowerCase(), addedAt: t.addedAt ?? this.now() };
    this.torrents = [...this.torrents.filter((x) => x.hash !== torrent.hash), torrent];
    return torrent;
  }

  /** Progress 0..1 right now (a stalled torrent stops at its stall point). */
  progressOf(t: SimTorrent): number {
    const raw = Math.min(1, Math.max(0, (this.now() - t.addedAt) / t.durationMs));
    return t.stallAt !== undefined ? Math.min(raw, t.stallAt) : raw;
  }

  /** The 4.5.2 torrent object: the contract example's 49 keys, with this torrent's numbers. */
  info(t: SimTorrent): Record<string, unknown> {
    const progress = this.progressOf(t);
    const done = progress >= 1;
    const stalled = !done && t.stallAt !== undefined && progress >= t.stallAt;
    const completed = Math.round(t.size * progress);
    const speed = done || stalled ? 0 : Math.round(t.size / (t.durationMs / 1000));
    const nowS = Math.floor(this.now() / 1000);
    const addedS = Math.floor(t.addedAt / 1000);
    const savePath = `/downloads/complete/${t.category}`;
    const values: Record<string, unknown> = {
      ...TEMPLATE,
      added_on: addedS,
      amount_left: t.size - completed,
      availability: done ? -1 : stalled ? 0 : 12.5,
      category: t.category,
      completed,
      completion_on: done ? addedS + Math.ceil(t.durationMs / 1000) : 0,
      content_path: done ? `${savePath}/${t.name}` : `/downloads/incomplete/${t.name}`,
      dlspeed: speed,
      downloaded: completed,
      downloaded_session: completed,
      eta: done ? MAX_ETA : stalled || speed === 0 ? MAX_ETA : Math.ceil((t.size - completed) / speed),
      hash: t.hash,
      infohash_v1: t.hash,
      last_activity: stalled ? addedS : nowS,
      magnet_uri: `magnet:?xt=urn:btih:${t.hash}&dn=${encodeURIComponent(t.name)}`,
      name: t.name,
      num_leechs: stalled ? 0 : 3,
      num_seeds: stalled ? 0 : 38,
      priority: done ? 0 : 1,
      progress,
      save_path: savePath,
      seen_complete: stalled ? 0 : nowS,
      size: t.size,
      state: done ? "stalledUP" : stalled ? "stalledDL" : "downloading",
      time_active: Math.max(0, nowS - addedS),
      total_size: t.size,
      upspeed: done ? 0 : 104_857,
    };
    return Object.fromEntries(
      Object.keys(values)
        .sort()
        .map((k) => [k, values[k]]),
    );
  }

  private sessionOf(req: FakeRequest): string | null {
    const sid = /(?:^|;\s*)SID=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    return sid && this.sessions.has(sid) ? sid : null;
  }

  handle = (req: FakeRequest): FakeResponse | undefined => {
    if (req.path === "/api/v2/auth/login") {
      if (req.method !== "POST") return { status: 405, body: "Method Not Allowed" };
      const form = new URLSearchParams(req.body);
      if (form.get("username") !== this.username || form.get("password") !== this.password) return { status: 200, body: "Fails." };
      const sid = randomBytes(24).toString("base64");
      this.sessions.add(sid);
      return { status: 200, body: "Ok.", headers: { "set-cookie": `SID=${sid}; HttpOnly; SameSite=Strict; path=/` } };
    }
    if (!this.sessionOf(req)) return { status: 403, body: "Forbidden" };
    switch (req.path) {
      case "/api/v2/app/version":
        return { status: 200, body: "v4.5.2" };
      case "/api/v2/app/webapiVersion":
        return { status: 200, body: "2.8.19" };
      case "/api/v2/torrents/info": {
        const wanted = req.query.get("hashes");
        const set = wanted ? new Set(wanted.toLowerCase().split("|")) : null;
        return { status: 200, body: this.torrents.filter((t) => !set || set.has(t.hash)).map((t) => this.info(t)) };
      }
      case "/api/v2/torrents/delete": {
        if (req.method !== "POST") return { status: 405, body: "Method Not Allowed" };
        const form = new URLSearchParams(req.body);
        const hashes = form.get("hashes");
        const deleteFiles = form.get("deleteFiles");
        if (hashes === null || deleteFiles === null) return { status: 400, body: "" };
        this.deletes.push(`${hashes} deleteFiles=${deleteFiles}`);
        const gone = new Set(hashes.toLowerCase().split("|"));
        this.torrents = this.torrents.filter((t) => !gone.has(t.hash));
        return { status: 200, body: "" };
      }
    }
    return undefined;
  };
}

export async function startFakeQbit() {
  const qbit = new FakeQbit();
  return { qbit, ...(await startFake(qbit.handle)) };
}
