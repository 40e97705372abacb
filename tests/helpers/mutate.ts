/** Seeded mutations of real payloads: deterministic, so a failing case can be replayed by its index. */

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = unknown;

const oddValues: Json[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 31),
  "",
  " ",
  "0",
  "-7",
  "NaN",
  "1e309",
  "x".repeat(5000),
  "\u0000",
  "Ω≈ç√∫ 🎬",
  "<script>alert(1)</script>",
  "'; drop table requests; --",
  true,
  false,
  [],
  {},
  [null],
  { nested: { deeper: [1, "2", null] } },
  "2023-13-45T99:99:99Z",
  "8C212779B4ABDE7C6BC608063A0D008B7E40CE32",
  "8c212779b4abde7c6bc608063a0d008b7e40ce32",
  "Grab",
  "Download",
  "ItemAdded",
  "MEDIA_APPROVED",
];

function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      out.push([...prefix, key]);
      paths(v, [...prefix, key], out);
    }
  }
  return out;
}

function parentOf(root: Json, path: (string | number)[]): Record<string | number, Json> | null {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!node || typeof node !== "object") return null;
    node = (node as Record<string | number, Json>)[key];
  }
  return node && typeof node === "object" ? (node as Record<string | number, Json>) : null;
}

/** One mutated body as the raw text a sender might post. */
export function mutate(base: Json, random: () => number, swaps: Record<string, Json[]>): string {
  // Cloned, so a later mutation never edits the shared table (or builds a cycle through it).
  const pick = <T>(items: readonly T[]): T => structuredClone(items[Math.floor(random() * items.length)] as T);
  const body: Json = structuredClone(base);
  const operations = 1 + Math.floor(random() * 3);
  for (let i = 0; i < operations; i += 1) {
    const all = paths(body);
    const path = all.length > 0 ? pick(all) : null;
    const parent = path ? parentOf(body, path) : null;
    const key = path?.at(-1);
    const roll = random();
    if (!parent || key === undefined) break;
    if (roll < 0.3) parent[key] = pick(oddValues);
    else if (roll < 0.45) delete parent[key];
    else if (roll < 0.6 && typeof key === "string" && swaps[key]) parent[key] = pick(swaps[key]);
    else if (roll < 0.7) parent[key] = [parent[key], parent[key]];
    else if (roll < 0.8) parent[`${String(key)}_extra`] = pick(oddValues);
    else if (roll < 0.9 && typeof parent[key] === "string") parent[key] = (parent[key] as string).toUpperCase();
    else parent[key] = { value: parent[key] };
  }
  const text = JSON.stringify(body);
  const shape = random();
  if (shape < 0.04) return text.slice(0, Math.floor(text.length * random())); // truncated
  if (shape < 0.06) return `[${text}]`;
  if (shape < 0.07) return `${"[".repeat(2000)}${"]".repeat(2000)}`;
  return text;
}
