import { existsSync, readFileSync, rmSync } from "node:fs";
import { dropDatabase, type DatabaseHandle } from "../../scripts/lib/fresh-database";
import { handleFile } from "./database-handle";

export default async function globalTeardown(): Promise<void> {
  const file = handleFile(process.env.E2E_PORT ?? "");
  if (!existsSync(file)) return;
  await dropDatabase(JSON.parse(readFileSync(file, "utf8")) as DatabaseHandle);
  rmSync(file, { force: true });
}
