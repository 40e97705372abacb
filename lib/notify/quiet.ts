/** Quiet hours in a member's own time zone. Pure. */
export type QuietHours = { timeZone: string; start: number | null; end: number | null };

function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  return hour * 60 + minute;
}

/** When the quiet hours that hold `now` end, or null when the member may be told now. */
export function quietUntil(quiet: QuietHours, now: Date): Date | null {
  const { start, end } = quiet;
  if (start === null || end === null || start === end) return null;
  let minutes: number;
  try {
    minutes = localMinutes(now, quiet.timeZone);
  } catch {
    minutes = localMinutes(now, "UTC");
  }
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return null;
  const left = (end - minutes + 24 * 60) % (24 * 60);
  const at = new Date(now.getTime() + left * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** "22:00" → 1320; null for empty or malformed input. */
export function parseClock(text: string | null | undefined): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec((text ?? "").trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

export function formatClock(minutes: number | null): string {
  if (minutes === null) return "";
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
