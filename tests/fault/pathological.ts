import { buildFlow } from "../helpers/flows";
import { health, SECRET } from "./harness";

/**
 * Bodies that once pinned the server or were acknowledged and never applied, and a probe of /api/health while they
 * are posted: shared by the fault suite (which checks the bound) and `npm run reliability` (which records it).
 */

export const CJK_TITLE = "漢字仮名交じり文".repeat(625); // 5,000 characters
export const LONG_TITLE_REQUEST_ID = 10_301;

type Body = { source: string; body: string | Buffer; contentType: string };

export function pathologicalBodies(): Body[] {
  const run = "a".repeat(1_000_000);
  const invalidUtf8 = Buffer.concat([
    Buffer.from('{"notification_type":"MEDIA_PENDING","subject":"'),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
    Buffer.from('"}'),
  ]);
  const longTitle = JSON.parse(buildFlow("movie", 301).deliveries[0]!.body) as Record<string, unknown>;
  longTitle.subject = `${CJK_TITLE} (2024)`;
  return [
    {
      source: "jellyseerr",
      body: JSON.stringify({ notification_type: "MEDIA_PENDING", subject: `${run}@example` }),
      contentType: "application/json",
    },
    { source: "jellyfin", body: "[".repeat(1_000_000), contentType: "text/plain" },
    { source: "sonarr", body: `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`, contentType: "application/json" },
    { source: "radarr", body: "a@".repeat(500_000), contentType: "text/plain" },
    { source: "qbittorrent", body: `hash=${run}`, contentType: "application/x-www-form-urlencoded" },
    { source: "jellyseerr", body: invalidUtf8, contentType: "application/json" },
    { source: "jellyseerr", body: JSON.stringify(longTitle), contentType: "application/json" },
  ];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function probe(url: string, into: number[], busy: () => boolean): Promise<void> {
  while (busy()) {
    into.push((await health(url)).ms);
    await sleep(10);
  }
}

export type PathologicalRun = {
  statuses: number[];
  healthMaxMs: number;
  idleMaxMs: number;
  /** The app process's CPU time from posting each body until its answer, in ms (tests/fault/app-server.ts). */
  cpuMs: number[];
};

async function serverCpuMs(url: string): Promise<number> {
  const res = await fetch(`${url}/_fault/cpu`);
  return ((await res.json()) as { ms: number }).ms;
}

/**
 * Health latency with nothing going on (the floor, same run, same machine) and then while each pathological body is
 * posted in turn, with the app's CPU time for each body.
 */
export async function postPathologicalBodies(url: string): Promise<PathologicalRun> {
  const idle: number[] = [];
  const idleUntil = Date.now() + 4000;
  await probe(url, idle, () => Date.now() < idleUntil);

  const latencies: number[] = [];
  let busy = true;
  const probing = probe(url, latencies, () => busy);
  const statuses: number[] = [];
  const cpuMs: number[] = [];
  for (const b of pathologicalBodies()) {
    const cpuBefore = await serverCpuMs(url);
    const res = await fetch(`${url}/api/webhooks/${b.source}`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET}`, "content-type": b.contentType },
      body: typeof b.body === "string" ? b.body : new Uint8Array(b.body),
    });
    await res.arrayBuffer();
    statuses.push(res.status);
    cpuMs.push((await serverCpuMs(url)) - cpuBefore);
  }
  busy = false;
  await probing;
  return { statuses, healthMaxMs: Math.max(...latencies), idleMaxMs: Math.max(...idle), cpuMs };
}
