import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { safeImageUrl } from "@/lib/domain/image-url";
import { mapJellyseerrWebhook } from "@/lib/integrations/jellyseerr/map";
import { mapSonarrWebhook } from "@/lib/integrations/sonarr/map";
import type { WebhookMapResult } from "@/lib/integrations/webhook";

describe("poster and backdrop URLs", () => {
  it("keeps absolute http(s) image URLs", () => {
    const table: [string, string][] = [
      ["https://image.tmdb.org/t/p/w600_and_h900_bestv2/abc.jpg", "https://image.tmdb.org/t/p/w600_and_h900_bestv2/abc.jpg"],
      ["http://artworks.thetvdb.com/banners/posters/1.jpg", "http://artworks.thetvdb.com/banners/posters/1.jpg"],
      ["  https://img.example/p.png  ", "https://img.example/p.png"],
      ["https://img.example/apiary/p.png", "https://img.example/apiary/p.png"],
    ];
    for (const [input, output] of table) expect(safeImageUrl(input), input).toBe(output);
  });

  it("refuses other schemes, relative and same-origin API paths, credentials and junk", () => {
    const refused: unknown[] = [
      "/api/admin/sweep",
      "api/admin/sweep",
      "//evil.example/p.jpg",
      "https://tracker.local/api/admin/sweep",
      "http://127.0.0.1:3000/api/auth/signout",
      "https://tracker.local/API/requests",
      "https://tracker.local/%61pi/admin/sweep",
      "https://tracker.local//api/admin/sweep",
      "https://tracker.local/./api/admin/sweep",
      "https://tracker.local/x/../api/admin/sweep",
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "ftp://img.example/p.jpg",
      "https://user:pass@img.example/p.jpg",
      "https:\\\\evil.example\\p.jpg",
      "https://img.example/p\n.jpg",
      "http:///p.jpg",
      `https://img.example/${"a".repeat(3000)}`,
      "",
      null,
      42,
    ];
    for (const input of refused) expect(safeImageUrl(input), String(input)).toBeNull();
  });
});

describe("poster URLs where they enter", () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(path.join(process.cwd(), "tests/fixtures/contracts", name), "utf8")) as Record<string, unknown>;
  const posters = (result: WebhookMapResult) =>
    result.outcome === "events" ? result.events.flatMap((e) => ("media" in e && e.media ? [e.media.posterUrl] : [])) : [];
  const hostile = "http://127.0.0.1:3000/api/admin/sweep";

  it("a Jellyseerr image on an API path is dropped, a TMDB one kept", () => {
    expect(posters(mapJellyseerrWebhook(fixture("jellyseerr-movie-auto-approved.json")))).toEqual([
      expect.stringMatching(/^https:\/\/image\.tmdb\.org\//),
    ]);
    expect(posters(mapJellyseerrWebhook({ ...fixture("jellyseerr-movie-auto-approved.json"), image: hostile }))).toEqual([null]);
  });

  it("a Sonarr poster on an API path is dropped", () => {
    expect(posters(mapSonarrWebhook(fixture("sonarr-grab.json")))).toContainEqual(expect.stringMatching(/^https:\/\/artworks/));
    const body = fixture("sonarr-grab.json") as { series: { images: { coverType: string; remoteUrl: string }[] } };
    for (const image of body.series.images) image.remoteUrl = hostile;
    const mapped = posters(mapSonarrWebhook(body));
    expect(mapped.length).toBeGreaterThan(0);
    expect(mapped.every((p) => p === null)).toBe(true);
  });
});
