"use client";

import { useState } from "react";
import { callApi, errorText } from "./api";

/** "Follow" on a request page: the viewer gets this request's messages too. */
export function FollowButton({ requestId, initiallyFollowing }: { requestId: number; initiallyFollowing: boolean }) {
  const [following, setFollowing] = useState(initiallyFollowing);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function toggle() {
    setBusy(true);
    const answer = await callApi(`/api/notifications/follows/${requestId}`, following ? "DELETE" : "POST");
    setBusy(false);
    if (!answer.ok) return setError(errorText(answer.json));
    setError(null);
    setFollowing(Boolean(answer.json.following));
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-pressed={following}
        disabled={busy}
        onClick={toggle}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-slate-700"
      >
        {following ? "Following" : "Follow"}
      </button>
      {error ? <span className="text-sm text-red-700 dark:text-red-400">{error}</span> : null}
    </span>
  );
}
