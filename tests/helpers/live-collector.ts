import type { LiveClient } from "@/lib/live/hub";
import type { LiveUpdate } from "@/lib/live/types";

const decoder = new TextDecoder();

/** A live client that keeps what the hub wrote to it: the raw chunks, their text, and the update events in it. */
export function liveCollector() {
  const chunks: Uint8Array[] = [];
  const client: LiveClient = {
    write: (c) => {
      chunks.push(c);
      return true;
    },
    close: () => {},
  };
  const text = () => chunks.map((c) => decoder.decode(c)).join("");
  const updates = () =>
    text()
      .split("\n\n")
      .filter((frame) => frame.includes("event: update"))
      .map((frame) => {
        const id = Number(/^id: (\d+)$/m.exec(frame)?.[1]);
        const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "null") as LiveUpdate;
        return { id, data };
      });
  return { client, chunks, text, updates };
}
