import { tmpdir } from "node:os";
import path from "node:path";

/** Where the e2e server notes its database, so the global teardown can remove it. */
export function handleFile(port: string): string {
  return path.join(tmpdir(), `status-tracker-e2e-${port}.json`);
}
