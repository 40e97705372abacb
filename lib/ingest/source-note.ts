import "server-only";
import type { Db } from "@/db/client";
import { recordSourceDelivery } from "@/db/queries/sources";
import type { WebhookSource } from "@/lib/integrations/webhook";
import { log } from "@/lib/log";

/**
 * Each source's "last delivery" line on the health page, written at most once a second per source by this process:
 * a busy source would otherwise rewrite one row on every delivery. A delivery inside the second is not dropped: the
 * latest one is written when the second is over, so the line always ends at the source's last event.
 */
export const NOTE_INTERVAL_MS = 1000;

type Latest = { eventType: string; connected: boolean };
type SourceNote = { writtenAt: number; waiting: Latest | null; timer: ReturnType<typeof setTimeout> | null };

const notes = new WeakMap<Db, Map<WebhookSource, SourceNote>>();

function noteOf(db: Db, source: WebhookSource): SourceNote {
  let perSource = notes.get(db);
  if (!perSource) {
    perSource = new Map();
    notes.set(db, perSource);
  }
  let note = perSource.get(source);
  if (!note) {
    note = { writtenAt: 0, waiting: null, timer: null };
    perSource.set(source, note);
  }
  return note;
}

async function write(db: Db, source: WebhookSource, latest: Latest): Promise<void> {
  try {
    await recordSourceDelivery({ db, source, eventType: latest.eventType, connected: latest.connected });
  } catch (error) {
    // Only the health page's line: never worth failing or re-spooling a recorded delivery.
    log.warn("could not note the source's last delivery", { source, error: error instanceof Error ? error.message : String(error) });
  }
}

export async function noteSourceDelivery(db: Db, source: WebhookSource, eventType: string, connected: boolean): Promise<void> {
  const note = noteOf(db, source);
  const now = Date.now();
  const wait = note.writtenAt + NOTE_INTERVAL_MS - now;
  // A Test notification marks the source connected at once.
  if (connected || wait <= 0) {
    note.writtenAt = now;
    note.waiting = null;
    await write(db, source, { eventType, connected });
    return;
  }
  note.waiting = { eventType, connected };
  if (note.timer) return;
  note.timer = setTimeout(() => {
    note.timer = null;
    const latest = note.waiting;
    note.waiting = null;
    if (!latest) return;
    note.writtenAt = Date.now();
    void write(db, source, latest);
  }, wait);
  note.timer.unref?.();
}
