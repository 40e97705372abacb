import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Replaces (or appends) one `## heading` section, leaving every other section as it was. */
export function writeSection(file: string, heading: string, body: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const section = `## ${heading}\n\n${body.trim()}\n`;
  const start = current.indexOf(`## ${heading}\n`);
  if (start < 0) {
    writeFileSync(file, `${current.trimEnd()}\n\n${section}`);
    return;
  }
  const next = current.indexOf("\n## ", start + 1);
  const after = next < 0 ? "" : current.slice(next + 1);
  writeFileSync(file, `${current.slice(0, start)}${section}${after ? `\n${after}` : ""}`);
}
