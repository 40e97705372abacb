"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DeleteEverywhere } from "./delete-everywhere";
import { buttonClass, callJson, dangerClass } from "./post-json";

type Props = { requestId: number; isAdmin: boolean; mediaType: "movie" | "tv"; title: string };

/** The per-request actions: admins get every action, members "Report a problem". Each answer is shown in words. */
export function RequestActions({ requestId, isAdmin, mediaType, title }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const [blocklist, setBlocklist] = useState(false);
  const [note, setNote] = useState("");
  const [deleting, setDeleting] = useState(false);

  async function act(body: Record<string, unknown>, after?: () => void) {
    setBusy(true);
    const result = await callJson(`/api/requests/${requestId}/actions`, { body });
    setBusy(false);
    setAnswer({ ok: result.ok, text: result.message });
    if (result.ok) {
      after?.();
      router.refresh();
    }
  }
  const withReason = (action: "dismiss" | "done", question: string) => {
    const reason = window.prompt(question);
    if (reason?.trim()) void act({ action, reason: reason.trim() });
  };

  return (
    <section aria-labelledby="actions-heading" className="mt-6 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="actions-heading" className="mb-3 text-lg font-medium">
        {isAdmin ? "Actions" : "Something wrong?"}
      </h2>
      {isAdmin ? (
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={buttonClass} disabled={busy} onClick={() => act({ action: "search", blocklist })}>
            Search again
          </button>
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={blocklist} onChange={(e) => setBlocklist(e.target.checked)} /> blocklist the current release first
          </label>
          <button type="button" className={buttonClass} disabled={busy} onClick={() => act({ action: "check" })}>
            Check now
          </button>
          <button type="button" className={buttonClass} disabled={busy} onClick={() => act({ action: "retry_import" })}>
            Retry import
          </button>
          <button type="button" className={buttonClass} disabled={busy} onClick={() => withReason("done", "Mark as done — why?")}>
            Mark as done
          </button>
          <button type="button" className={buttonClass} disabled={busy} onClick={() => withReason("dismiss", "Dismiss — why?")}>
            Dismiss
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            onClick={() =>
              window.confirm(`Forget "${title}" here? Nothing changes in the other services.`) && act({ action: "remove" }, () => router.push("/"))
            }
          >
            Remove from tracker
          </button>
          <button type="button" className={dangerClass} disabled={busy} onClick={() => setDeleting((d) => !d)} aria-expanded={deleting}>
            Delete everywhere…
          </button>
        </div>
      ) : null}
      <form
        className="mt-3 flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) void act({ action: "report", message: note.trim() }, () => setNote(""));
        }}
      >
        <label className="sr-only" htmlFor={`report-${requestId}`}>
          Report a problem
        </label>
        <textarea
          id={`report-${requestId}`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={1000}
          rows={2}
          placeholder="Report a problem to the admins (no sound, wrong episode, …)"
          className="min-w-64 flex-1 rounded border border-slate-300 bg-transparent p-2 text-sm dark:border-slate-700"
        />
        <button type="submit" className={buttonClass} disabled={busy || !note.trim()}>
          Report a problem
        </button>
      </form>
      {answer ? (
        <p role="status" className={`mt-3 text-sm ${answer.ok ? "text-slate-700 dark:text-slate-300" : "text-red-700 dark:text-red-400"}`}>
          {answer.text}
        </p>
      ) : null}
      {isAdmin && deleting ? <DeleteEverywhere requestIds={[requestId]} mediaType={mediaType} /> : null}
    </section>
  );
}
