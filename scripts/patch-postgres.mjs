// Runs after `npm install`: two guards for postgres.js 3.4.9 (the latest release), each applied once (idempotent); a
// later release without the patched pattern is left alone.
// 1. It batches small writes behind a setImmediate; when the connection closes first (a database restart under load),
//    that callback writes to a null socket and the TypeError escapes every try/catch, ending the process. Teardown
//    also clears the timer without forgetting it, so a connection that survived could never flush again. The guard is
//    the one proposed upstream (porsager/postgres#1154, #1208): skip the write once the socket is gone (closed() has
//    already rejected the queries it carried with CONNECTION_CLOSED) and forget a cleared timer.
// 2. An error the server sends as it ends the connection (57P01 when an admin or a restart terminates it) is kept until
//    a ReadyForQuery that never comes; the socket closes instead, and the next connection on the same slot hands that
//    stale error to its first query (or to the transaction waiting for it). closed() already failed the query it was
//    about with CONNECTION_CLOSED, so it forgets the error.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"].map((f) => path.join(root, f));

const guards = [
  {
    mark: "/* status-tracker: null-socket guard */",
    apply: (source, mark) =>
      source
        .replace(
          "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
          `  function nextWrite(fn) {\n    ${mark}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
        )
        .replaceAll("    clearImmediate(nextWriteTimer)\n", "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n"),
  },
  {
    mark: "/* status-tracker: stale error guard */",
    apply: (source, mark) =>
      source.replace(
        "  async function closed(hadError) {\n    incoming = Buffer.alloc(0)\n",
        `  async function closed(hadError) {\n    ${mark}\n    errorResponse = null\n    incoming = Buffer.alloc(0)\n`,
      ),
  },
];

const applied = new Map();
for (const file of files) {
  if (!existsSync(file)) continue;
  const original = readFileSync(file, "utf8");
  let source = original;
  for (const { mark, apply } of guards) {
    if (source.includes(mark)) continue;
    const next = apply(source, mark);
    if (next === source || !next.includes(mark)) continue;
    source = next;
    applied.set(mark, (applied.get(mark) ?? 0) + 1);
  }
  if (source !== original) writeFileSync(file, source);
}
for (const [mark, count] of applied) console.log(`postgres.js: ${mark.slice(19, -3)} applied to ${count} file(s)`);
