import type { DownloadRow } from "@/db/schema";
import { type presentDownload, type presentEpisode, presentRequest, type presentTimelineEvent, requestProgress } from "./present";

const active = (d: Pick<DownloadRow, "status">) => d.status === "queued" || d.status === "downloading";

/** Combined speed (sum) and ETA (the slowest torrent) of what is still downloading; null when nothing is. */
export function downloadTransfer(downloads: readonly DownloadRow[]): { speed: number | null; etaSeconds: number | null } | null {
  const running = downloads.filter(active);
  if (running.length === 0) return null;
  const speeds = running.map((d) => d.downloadSpeed).filter((s): s is number => s !== null);
  const etas = running.map((d) => d.etaSeconds).filter((e): e is number => e !== null && e >= 0);
  return {
    speed: speeds.length > 0 ? speeds.reduce((a, b) => a + b, 0) : null,
    etaSeconds: etas.length > 0 ? Math.max(...etas) : null,
  };
}

/** The API summary plus what the portal shows beside the progress bar. */
export function presentPortalRequest(row: Parameters<typeof presentRequest>[0], downloads: readonly DownloadRow[]) {
  const summary = presentRequest(row, downloads);
  return { ...summary, transfer: requestProgress(row, downloads) === null ? null : downloadTransfer(downloads) };
}

export type PortalRequest = ReturnType<typeof presentPortalRequest>;
export type PortalEpisode = ReturnType<typeof presentEpisode>;
export type PortalDownload = ReturnType<typeof presentDownload>;
export type PortalTimelineEntry = ReturnType<typeof presentTimelineEvent>;
