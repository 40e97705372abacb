import type { FactData, FactKind } from "./facts";

/** Pure: the words of one message from its items. */
export type MessageItem = { kind: FactKind; data: FactData & { noOneToTell?: boolean; requestedBy?: string | null } };

export type Rendered = { title: string; body: string; link: string | null; requestId: number | null; items: JsonItem[] };

/** The documented body of the json:// channel, one entry per item. */
export type JsonItem = {
  event: FactKind;
  requestId: number | null;
  title: string;
  year: number | null;
  mediaType: "movie" | "tv" | null;
  season: number | null;
  episodes: number[];
  stage: string | null;
  reason: string | null;
  link: string | null;
  poster: string | null;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** [1,2,3,5] → "E01–E03, E05" */
export function episodeRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(i === j ? `E${pad(sorted[i]!)}` : `E${pad(sorted[i]!)}–E${pad(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(", ");
}

function named(d: FactData): string {
  return d.year && d.mediaType === "movie" ? `${d.title} (${d.year})` : d.title;
}

/** One sentence per request: what its items say together. */
function sentence(items: MessageItem[]): string {
  const d = items[0]!.data;
  const lines: string[] = [];
  const episodes = items.filter((i) => i.kind === "episode");
  const seasons = [...new Set(episodes.map((i) => i.data.season ?? 0))].sort((a, b) => a - b);
  const complete = new Set(items.filter((i) => i.kind === "season_complete").map((i) => i.data.season));
  for (const season of seasons) {
    const numbers = episodes.filter((i) => i.data.season === season).map((i) => i.data.episode ?? 0);
    const label = `S${pad(season)}${episodeRanges(numbers).replace(/, E/g, `, S${pad(season)}E`)}`;
    const many = numbers.length > 1;
    const firstOnly = !many && episodes.some((i) => i.data.season === season && i.data.first);
    if (complete.has(season)) lines.push(`${d.title} season ${season} is complete: ${label} ${many ? "are" : "is"} ready to watch`);
    else if (firstOnly) lines.push(`${d.title} ${label} is ready to watch — the first of season ${season}`);
    else lines.push(`${d.title} ${label} ${many ? "are" : "is"} ready to watch`);
  }
  for (const season of complete) {
    if (season !== undefined && !seasons.includes(season)) lines.push(`${d.title} season ${season} is complete and ready to watch`);
  }
  for (const i of items) {
    if (i.kind === "ready") lines.push(`${named(i.data)} is ready to watch`);
    if (i.kind === "stuck") lines.push(`${named(i.data)} is stuck: ${i.data.reason || "no progress for 30 minutes"}`);
    if (i.kind === "declined") lines.push(`Your request for ${named(i.data)} was declined`);
    if (i.kind === "failed") lines.push(`${named(i.data)} failed${i.data.reason ? `: ${i.data.reason}` : ""}`);
    if (i.kind === "digest") lines.push(`${i.data.title}\n${(i.data.lines ?? []).map((l) => `• ${l}`).join("\n")}`);
  }
  const orphan = items.find((i) => i.data.noOneToTell);
  if (orphan) lines.push(`No one to tell: ${orphan.data.requestedBy ? `"${orphan.data.requestedBy}" is` : "the requester is"} not a member here.`);
  return lines.join("\n");
}

function jsonItems(items: MessageItem[], linkFor: (id: number | null) => string | null): JsonItem[] {
  const key = (i: MessageItem) => `${i.data.requestId}:${i.kind === "episode" ? `episode:${i.data.season}` : `${i.kind}:${i.data.season ?? ""}`}`;
  const grouped = new Map<string, MessageItem[]>();
  for (const i of items) grouped.set(key(i), [...(grouped.get(key(i)) ?? []), i]);
  return [...grouped.values()].map((group) => {
    const first = group[0]!;
    const d = first.data;
    return {
      event: first.kind,
      requestId: d.requestId,
      title: d.title,
      year: d.year,
      mediaType: d.mediaType,
      season: d.season ?? null,
      episodes: group.flatMap((i) => (i.data.episode !== undefined ? [i.data.episode] : [])).sort((a, b) => a - b),
      stage: d.stage,
      reason: d.reason ?? null,
      link: linkFor(d.requestId),
      poster: d.posterUrl,
    };
  });
}

/** Title, body and link of a message; several requests (a quiet-hours summary) become one summary. */
export function renderMessage(items: MessageItem[], options: { baseUrl: string | null; summary: boolean }): Rendered {
  const linkFor = (id: number | null) => (options.baseUrl ? `${options.baseUrl.replace(/\/$/, "")}${id === null ? "/" : `/requests/${id}`}` : null);
  const byRequest = new Map<string, MessageItem[]>();
  for (const i of items) byRequest.set(String(i.data.requestId), [...(byRequest.get(String(i.data.requestId)) ?? []), i]);
  const sentences = [...byRequest.values()].map(sentence);
  const ids = [...new Set(items.map((i) => i.data.requestId))];
  const requestId = ids.length === 1 ? (ids[0] ?? null) : null;
  const link = linkFor(requestId);
  const json = jsonItems(items, linkFor);
  if (sentences.length === 1 && !options.summary) {
    const [title, ...rest] = sentences[0]!.split("\n");
    return { title: title!, body: rest.join("\n") || title!, link, requestId, items: json };
  }
  const title = options.summary
    ? `While it was quiet: ${sentences.length} update${sentences.length === 1 ? "" : "s"}`
    : `${sentences.length} updates`;
  return { title, body: sentences.join("\n"), link, requestId, items: json };
}
