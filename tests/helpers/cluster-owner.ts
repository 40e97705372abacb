/**
 * A process that owns an embedded PostgreSQL and does nothing else, for the crash tests: it prints the server's PID
 * and URL as one JSON line, then waits to be killed.
 */
import { startCluster } from "../../db/embedded/cluster";

const dir = process.argv[2];
if (!dir) throw new Error("usage: cluster-owner.ts <data dir>");
const cluster = await startCluster({ dir, user: process.env.EMBEDDED_POSTGRES_USER || "status-tracker-pg", noSync: true });
process.stdout.write(`${JSON.stringify({ pid: cluster.pid, url: cluster.url })}\n`);
setInterval(() => {}, 60_000);
