"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, errorText } from "./api";

/** Adds a channel by its Apprise-style URL (ntfy://, discord://, tgram://, gotify://, mailto://, json://). */
export function AddChannelForm() {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const answer = await callApi("/api/notifications/channels", "POST", { url });
    setBusy(false);
    if (!answer.ok) return setError(errorText(answer.json));
    setError(null);
    setUrl("");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2">
      <label htmlFor="channel-url" className="text-sm font-medium">
        Add a channel
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="channel-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="ntfy://ntfy.sh/my-topic"
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          autoComplete="off"
        />
        <button
          type="submit"
          disabled={busy || url.trim() === ""}
          className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Add
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}
