import type { FakeUser } from "../../tests/fakes/jellyfin-auth";
import type { RunIds } from "./engine";

/**
 * The demo household: Jellyfin accounts of the simulated Jellyfin (sign in with any of them to see the
 * portal as that member, "Mine" included) who are also the requesters of the demo's requests. The README
 * lists them; the local admin (`demo` / `demo`) stays the admin.
 */
export const household: readonly FakeUser[] = [
  { name: "Alex", password: "alex-demo" },
  { name: "Sam", password: "sam-demo" },
  { name: "Robin", password: "robin-demo" },
  { name: "Kim", password: "kim-demo" },
];

/** Who asked for this run: the household takes turns, so every member has requests from the first batch on. */
export function requesterOf(ids: RunIds): string {
  return household[ids.uid % household.length]?.name ?? "Alex";
}

type Flavour = { tag: string; quality: string; group: string; indexer: string };

const flavours: Flavour[] = [
  { tag: "1080p.WEB-DL.DDP5.1.H.264", quality: "WEBDL-1080p", group: "FLUX", indexer: "TorrentLeech (Prowlarr)" },
  { tag: "2160p.UHD.BluRay.x265.10bit.HDR", quality: "Bluray-2160p", group: "TERMiNAL", indexer: "IPTorrents (Prowlarr)" },
  { tag: "1080p.BluRay.x264", quality: "Bluray-1080p", group: "SPARKS", indexer: "TorrentLeech (Prowlarr)" },
  { tag: "720p.WEBRip.x264.AAC", quality: "WEBRip-720p", group: "YTS", indexer: "YTS (Prowlarr)" },
  { tag: "1080p.AMZN.WEB-DL.DDP5.1.H.264", quality: "WEBDL-1080p", group: "NTb", indexer: "IPTorrents (Prowlarr)" },
];

/** A release as an indexer would name it: the title's words dotted, year or season, then quality, codec and group. */
export function releaseOf(
  ids: RunIds,
  title: string,
  what: string,
  anime = false,
): { name: string; quality: string; group: string; indexer: string } {
  const f = flavours[ids.uid % flavours.length] ?? flavours[0]!;
  if (anime) {
    return {
      name: `[SubsPlease] ${title} - ${what} (1080p) [${((ids.uid * 2654435761) % 0xffffffff).toString(16).toUpperCase().padStart(8, "0")}]`,
      quality: "WEBDL-1080p",
      group: "SubsPlease",
      indexer: "Nyaa (Prowlarr)",
    };
  }
  return {
    name: `${title.replace(/[^\w]+/g, ".").replace(/\.$/, "")}.${what}.${f.tag}-${f.group}`,
    quality: f.quality,
    group: f.group,
    indexer: f.indexer,
  };
}
