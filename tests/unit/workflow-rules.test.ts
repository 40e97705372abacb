import { describe, expect, it } from "vitest";
import { relativeTail } from "@/lib/workflows/anime-match";
import { torrentEvent } from "@/lib/workflows/poller";
import { isStuck } from "@/lib/workflows/sweep/thresholds";
import { isTorrentComplete } from "@/lib/integrations/qbittorrent/schema";
import { hubRetryDelayMs } from "@/lib/integrations/shoko/hub";
import type { DownloadRow } from "@/db/schema";

const row: DownloadRow = {
  hash: "a".repeat(40),
  requestId: 1,
  source: "radarr",
  name: null,
  size: null,
  progress: 0.5,
  downloadSpeed: 100,
  etaSeconds: 10,
  clientState: "downloading",
  status: "downloading",
  quality: null,
  indexer: null,
  completedAt: null,
  importedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
};
const torrent = { hash: row.hash, name: "x", size: 10, progress: 0.5, dlspeed: 100, eta: 10, state: "downloading" };

describe("workflow rules", () => {
  it("decides completion from progress and seeding states, never from completion_on", () => {
    expect(isTorrentComplete({ progress: 1, state: "downloading" })).toBe(true);
    expect(isTorrentComplete({ progress: 0.99, state: "stalledUP" })).toBe(true);
    expect(isTorrentComplete({ progress: 0.99, state: "stalledDL" })).toBe(false);
  });

  it("reports any change, however small (no percentage threshold), and nothing when nothing changed", () => {
    expect(torrentEvent(row, torrent)).toBeNull();
    expect(torrentEvent(row, { ...torrent, progress: 0.5001 })).toMatchObject({ type: "download.progress", progress: 0.5001 });
    expect(torrentEvent(row, { ...torrent, eta: 8_640_000 })).toMatchObject({ etaSeconds: null });
    expect(torrentEvent(row, { ...torrent, progress: 1, state: "stalledUP" })).toMatchObject({ type: "download.completed" });
  });

  it("strips Shoko's leading separator and backslashes", () => {
    expect(relativeTail("/Sousou no Frieren/ep.mkv")).toBe("Sousou no Frieren/ep.mkv");
    expect(relativeTail("\\Show\\ep.mkv")).toBe("Show/ep.mkv");
  });

  it("uses the approved thresholds and backs the hub off up to a minute", () => {
    const now = new Date("2025-01-01T12:00:00Z");
    expect(isStuck({ stage: "downloaded", since: new Date("2025-01-01T11:29:00Z"), now, thresholds: { downloaded: 30 } })).toBe(true);
    expect(isStuck({ stage: "downloaded", since: new Date("2025-01-01T11:31:00Z"), now, thresholds: { downloaded: 30 } })).toBe(false);
    expect([0, 1, 2, 6, 9].map(hubRetryDelayMs)).toEqual([1000, 2000, 4000, 60_000, 60_000]);
  });
});
