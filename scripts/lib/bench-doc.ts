import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Replaces `body` between `marker` and the next heading of the same or a higher level (or the end). */
function replaceBlock(text: string, marker: string, level: number, body: string): string {
  const start = text.indexOf(`${marker}\n`);
  const block = `${marker}\n\n${body.trim()}\n`;
  if (start < 0) return `${text.trimEnd()}\n\n${block}`;
  const rest = text.slice(start + marker.length);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  const after = next < 0 ? "" : rest.slice(next + 1);
  return `${text.slice(0, start)}${block}${after ? `\n${after}` : ""}`;
}

/**
 * Writes `### sub` inside `## heading` of a Markdown file, leaving every other section (and the other
 * subsections of this one) as they were.
 */
export function writeSubsection(file: string, heading: string, intro: string, sub: string, body: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const marker = `## ${heading}`;
  const start = current.indexOf(`${marker}\n`);
  let section = `${intro.trim()}\n`;
  if (start >= 0) {
    const rest = current.slice(start + marker.length);
    const end = rest.search(/\n## /);
    const old = end < 0 ? rest : rest.slice(0, end);
    const firstSub = old.indexOf("\n### ");
    section = `${intro.trim()}\n${firstSub < 0 ? "" : old.slice(firstSub)}`;
  }
  section = replaceBlock(section, `### ${sub}`, 3, body);
  writeFileSync(file, replaceBlock(current, marker, 2, section));
}
