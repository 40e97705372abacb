import { beforeEach, describe, expect, it } from "vitest";
import { detail, onlyRequest, resetTables } from "../helpers/db";
import { hashes, jellyfinMovie, jellyseerr, qbitFinished, radarrGrab, radarrImport } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

beforeEach(resetTables);

describe("regular movie, replayed from contract payloads", () => {
  it("moves requested → approved → grabbing → downloaded → importing → available with a timeline line each", async () => {
    const steps: [string, unknown, string, string?][] = [
      ["jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 57, tmdbId: 603, subject: "The Matrix (1999)" }), "requested"],
      ["jellyseerr", jellyseerr("MEDIA_APPROVED", { requestId: 57, tmdbId: 603, subject: "The Matrix (1999)" }), "approved"],
      ["radarr", radarrGrab({ hash: hashes.c }), "grabbing"],
      ["qbittorrent", qbitFinished(hashes.c), "downloaded", "application/x-www-form-urlencoded"],
      ["radarr", radarrImport({ hash: hashes.c }), "importing"],
      ["jellyfin", jellyfinMovie({ tmdbId: 603 }), "available", "text/plain"],
    ];
    for (const [index, [source, body, stage, contentType]] of steps.entries()) {
      const raw = typeof body === "string" ? body : undefined;
      const res = await postWebhook(source, body, { contentType, raw });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const request = await onlyRequest();
      expect(request.stage).toBe(stage);
      const { timeline } = await detail(request.id);
      expect(timeline).toHaveLength(index + 1);
      expect(timeline.at(-1)?.stage).toBe(stage);
    }
    const request = await onlyRequest();
    expect(request).toMatchObject({ title: "The Matrix", year: 1999, tmdbId: 603, jellyseerrRequestId: 57, mediaType: "movie" });
    expect(request.availableAt).not.toBeNull();
    const { downloads } = await detail(request.id);
    expect(downloads).toMatchObject([{ hash: hashes.c.toLowerCase(), status: "imported", progress: 1 }]);
  });
});
