import { beforeEach, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { applyTrackerEvents } from "@/lib/ingest/tracker";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { hashes, radarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

it("a request's timeline shows one progress line per download however many polls changed it", async () => {
  await postWebhook("radarr", radarrGrab({ hash: hashes.c }));
  const db = await getDb();
  for (const progress of [0.1, 0.2, 0.3, 0.4]) {
    const hash = hashes.c.toLowerCase();
    await applyTrackerEvents({
      db,
      source: "qbittorrent",
      events: [{ type: "download.progress", hash, name: "x", size: 1000, progress, speed: 100, etaSeconds: 60, clientState: "downloading" }],
    });
  }
  const { timeline } = await detail((await onlyRequest()).id);
  expect(timeline.map((t) => t.event)).toEqual(["release.grabbed", "download.progress"]);
  expect(timeline[1]?.message).toContain("40");
});

it("a progress tick is not a change of the request: its updatedAt stays at the last real change", async () => {
  await postWebhook("radarr", radarrGrab({ hash: hashes.c }));
  const db = await getDb();
  const hash = hashes.c.toLowerCase();
  const tick = (progress: number) =>
    applyTrackerEvents({
      db,
      source: "qbittorrent",
      events: [{ type: "download.progress", hash, name: "x", size: 1000, progress, speed: 100, etaSeconds: 60, clientState: "downloading" }],
    });
  // The first tick moves the movie to downloading: a real change.
  await tick(0.1);
  const started = await onlyRequest();
  expect(started.stage).toBe("downloading");
  await tick(0.5);
  await tick(0.9);
  const later = await onlyRequest();
  expect(later.updatedAt.toISOString()).toBe(started.updatedAt.toISOString());
  const { timeline } = await detail(later.id);
  expect(timeline.at(-1)?.message).toContain("90 %");
});
