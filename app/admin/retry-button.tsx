"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Applies a failed delivery again (POST …/retry) and refreshes the page to show what became of it. */
export function RetryButton({ id }: { id: number }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null });
  async function retry() {
    setState({ busy: true, text: null });
    try {
      const response = await fetch(`/api/admin/deliveries/${id}/retry`, { method: "POST" });
      const body = (await response.json()) as { message?: string };
      setState({ busy: false, text: body.message ?? (response.ok ? "Done" : "The retry failed") });
      router.refresh();
    } catch {
      setState({ busy: false, text: "The request failed" });
    }
  }
  return (
    <span className="flex items-center gap-2">
      <button type="button" onClick={retry} disabled={state.busy} className="rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
        {state.busy ? "Retrying…" : "Retry"}
      </button>
      {state.text ? <span className="text-sm text-slate-600 dark:text-slate-300">{state.text}</span> : null}
    </span>
  );
}
