import net from "node:net";

/** The port of the database the tests talk to (DATABASE_URL). */
export const DATABASE_PORT = Number(new URL(process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432").port || 5432);

/** Calls `onWrite` for every write this process makes to the database's sockets while `run` runs. */
export async function watchDatabaseWrites(run: () => Promise<unknown>, onWrite: (socket: net.Socket, chunk: unknown) => void): Promise<void> {
  const original = net.Socket.prototype.write;
  net.Socket.prototype.write = function (this: net.Socket, ...args: Parameters<net.Socket["write"]>) {
    if (this.remotePort === DATABASE_PORT) onWrite(this, args[0]);
    return original.apply(this, args);
  } as net.Socket["write"];
  try {
    await run();
  } finally {
    net.Socket.prototype.write = original;
  }
}
