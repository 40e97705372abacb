// Runs after `npm install`. postgres.js 3.4.9 (the latest release) batches small writes behind a setImmediate; when
// the connection closes first (a database restart under load), that callback writes to a null socket and the
// TypeError escapes every try/catch, ending the process. Teardown also clears the timer without forgetting it, so a
// connection that survived could never flush again. The guard below is the one proposed upstream
// (porsager/postgres#1154, #1208): skip the write once the socket is gone (closed() has already rejected the queries
// it carried with CONNECTION_CLOSED) and forget a cleared timer. Idempotent; a later release without the pattern is
// left alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "..", "node_modules", "postgres");
const MARK = "/* status-tracker: null-socket guard */";
const files = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"].map((f) => path.join(root, f));
let patched = 0;
for (const file of files) {
  if (!existsSync(file)) continue;
  const source = readFileSync(file, "utf8");
  if (source.includes(MARK)) continue;
  const next = source
    .replace(
      "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
      `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
    )
    .replaceAll("    clearImmediate(nextWriteTimer)\n", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n");
  if (next === source || !next.includes(MARK)) continue;
  writeFileSync(file, next);
  patched += 1;
}
if (patched > 0) console.log(`postgres.js: null-socket guard applied to ${patched} file(s)`);
