import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2e } from "./env";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

// The server under test was built with these values in its environment (tests/e2e/serve.mjs).
test("no configured secret reaches a client bundle", () => {
  const staticFiles = files(path.join(process.cwd(), ".next/static"));
  expect(staticFiles.length).toBeGreaterThan(0);
  const leaks: string[] = [];
  for (const file of staticFiles) {
    const text = readFileSync(file, "latin1");
    for (const [name, value] of Object.entries(e2e.secrets)) {
      if (text.includes(value)) leaks.push(`${name} in ${path.relative(process.cwd(), file)}`);
    }
  }
  expect(leaks).toEqual([]);
});
