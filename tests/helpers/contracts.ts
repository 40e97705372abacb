import { readFileSync } from "node:fs";
import path from "node:path";

const fixtures = path.join(import.meta.dirname, "../fixtures/contracts");

/** A contract example payload, parsed fresh each call so tests can change it freely. */
export function contract<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), "utf8")) as T;
}
