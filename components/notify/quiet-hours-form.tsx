"use client";

import { useState } from "react";
import { callApi, errorText } from "./api";

/** Quiet hours in the member's own time zone: messages are held and sent as one summary when they end. */
export function QuietHoursForm({ initial }: { initial: { timeZone: string; start: string; end: string; fromServer: boolean } }) {
  const [timeZone, setTimeZone] = useState(initial.fromServer ? initial.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const [note, setNote] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const answer = await callApi("/api/notifications/quiet-hours", "POST", { timeZone, quietStart: start, quietEnd: end });
    setNote(answer.ok ? "Saved" : errorText(answer.json));
  }

  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col text-sm">
        From
        <input type="time" value={start} onChange={(e) => setStart(e.target.value)} className={input} />
      </label>
      <label className="flex flex-col text-sm">
        Until
        <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} className={input} />
      </label>
      <label className="flex flex-col text-sm">
        Time zone
        <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} className={input} />
      </label>
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">
        Save quiet hours
      </button>
      {note ? (
        <span className="text-sm" role="status">
          {note}
        </span>
      ) : null}
    </form>
  );
}
