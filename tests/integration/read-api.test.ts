import { beforeAll, describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/requests/route";
import { GET as one } from "@/app/api/requests/[id]/route";
import { resetTables } from "../helpers/db";
import { hashes, jellyseerr, radarrGrab, sonarrGrab } from "../helpers/payloads";
import { postWebhook } from "../helpers/webhooks";

const auth = { authorization: "Bearer test-api-token" };

async function getList(query: string, headers: Record<string, string> = auth) {
  const res = await list(new Request(`http://localhost/api/requests${query}`, { headers }));
  return { status: res.status, json: (await res.json()) as { items: Record<string, unknown>[]; nextCursor: string | null; issues?: unknown } };
}

beforeAll(async () => {
  await resetTables();
  await postWebhook("jellyseerr", jellyseerr("MEDIA_PENDING", { requestId: 1, tmdbId: 603, subject: "The Matrix (1999)", user: "Alex" }));
  await postWebhook(
    "sonarr",
    sonarrGrab({
      hash: hashes.a,
      episodes: [
        { season: 1, episode: 1 },
        { season: 1, episode: 2 },
      ],
      title: "Frieren",
    }),
  );
  for (let i = 0; i < 5; i += 1) {
    await postWebhook("radarr", radarrGrab({ hash: String(i).padStart(40, "b"), tmdbId: 1000 + i, title: `Movie ${i}` }));
  }
});

describe("GET /api/requests", () => {
  // Anonymous access (no token, no session) is checked against a real server by the authorization matrix.
  it("refuses a wrong API token", async () => {
    expect((await getList("", { authorization: "Bearer wrong" })).status).toBe(401);
  });

  it("lists newest update first in camelCase with the documented fields", async () => {
    const { json } = await getList("");
    expect(json.items).toHaveLength(7);
    expect(json.items[0]).toMatchObject({ title: "Movie 4", stage: "grabbing", mediaType: "movie", progress: 0 });
    const tv = json.items.find((i) => i.mediaType === "tv");
    expect(tv).toMatchObject({ title: "Frieren", episodeCounts: { grabbing: 2 }, isAnime: true, tvdbId: 424536, attention: null });
    for (const key of ["id", "year", "jellyseerrRequestId", "requestedBy", "posterUrl", "createdAt", "updatedAt"]) expect(tv).toHaveProperty(key);
  });

  it("filters by stage, media type, text and requester", async () => {
    expect((await getList("?stage=requested")).json.items.map((i) => i.title)).toEqual(["The Matrix"]);
    expect((await getList("?stage=requested,grabbing&mediaType=tv")).json.items.map((i) => i.title)).toEqual(["Frieren"]);
    expect((await getList("?q=matr")).json.items).toHaveLength(1);
    expect((await getList("?requestedBy=alex")).json.items.map((i) => i.title)).toEqual(["The Matrix"]);
  });

  it("pages with a cursor without skipping or repeating", async () => {
    const seen: unknown[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await getList(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.json.items.map((i) => i.id));
      cursor = page.json.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("answers 400 for bad parameters", async () => {
    expect((await getList("?stage=nope")).status).toBe(400);
    expect((await getList("?cursor=garbage")).status).toBe(400);
    expect((await getList("?limit=0")).status).toBe(400);
  });
});

describe("GET /api/requests/{id}", () => {
  it("returns episodes, downloads and the timeline", async () => {
    const { json } = await getList("?mediaType=tv");
    const id = String(json.items[0]?.id);
    const res = await one(new Request(`http://localhost/api/requests/${id}`, { headers: auth }), { params: Promise.resolve({ id }) });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body.episodes).toMatchObject([
      { seasonNumber: 1, episodeNumber: 1, stage: "grabbing" },
      { seasonNumber: 1, episodeNumber: 2 },
    ]);
    expect(body.downloads).toMatchObject([{ hash: hashes.a.toLowerCase(), status: "queued" }]);
    expect(body.timeline).toMatchObject([{ seq: expect.any(Number), source: "sonarr", event: "release.grabbed", stage: "grabbing" }]);
  });

  it("is a JSON 404 for an unknown id", async () => {
    for (const id of ["999999", "abc"]) {
      const res = await one(new Request(`http://localhost/api/requests/${id}`, { headers: auth }), { params: Promise.resolve({ id }) });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: "not_found" });
    }
  });
});
