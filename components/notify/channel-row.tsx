"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { LocalTime } from "@/components/portal/local-time";
import { callApi, errorText } from "./api";

export type ChannelView = {
  id: number;
  scheme: string;
  shown: string;
  household: boolean;
  lastStatus: "delivered" | "failed" | null;
  lastError: string | null;
  lastAt: string | null;
  failing: boolean;
};

/** One channel: what it is, its last result in plain words, "Send test" and (own channels) "Remove". */
export function ChannelRow({ channel }: { channel: ChannelView }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  async function test() {
    setBusy(true);
    const answer = await callApi(`/api/notifications/channels/${channel.id}/test`, "POST");
    setNote(answer.ok ? (answer.json.delivered ? "Test delivered" : `Test failed: ${String(answer.json.error)}`) : errorText(answer.json));
    setBusy(false);
    router.refresh();
  }

  async function remove() {
    setBusy(true);
    const answer = await callApi(`/api/notifications/channels/${channel.id}`, "DELETE");
    if (!answer.ok) setNote(errorText(answer.json));
    setBusy(false);
    router.refresh();
  }

  const last =
    channel.lastStatus === null ? (
      "Nothing sent yet"
    ) : channel.lastStatus === "delivered" ? (
      // In the viewer's zone and language, formatted in the browser only (no hydration mismatch).
      <>
        Delivered <LocalTime iso={channel.lastAt} />
      </>
    ) : (
      `Failed: ${channel.lastError ?? "unknown error"}`
    );
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2" data-testid="channel">
      <span className="font-mono text-sm break-all">{channel.shown}</span>
      {channel.household ? <span className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">household (NOTIFY_URLS)</span> : null}
      {channel.failing ? (
        <span className="rounded bg-red-100 px-1.5 text-xs text-red-800 dark:bg-red-950 dark:text-red-300">keeps failing</span>
      ) : null}
      <span
        data-testid="channel-last"
        className={`text-sm ${channel.lastStatus === "failed" ? "text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"}`}
      >
        {note ?? last}
      </span>
      <span className="ml-auto flex gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={test}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm disabled:opacity-50 dark:border-slate-700"
        >
          Send test
        </button>
        {channel.household ? null : (
          <button
            type="button"
            disabled={busy}
            onClick={remove}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm disabled:opacity-50 dark:border-slate-700"
          >
            Remove
          </button>
        )}
      </span>
    </li>
  );
}
