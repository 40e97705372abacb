"use client";

import { useState } from "react";

/** Calls an admin POST route and shows its short answer next to the button. */
export function TestButton({ action, label }: { action: string; label: string }) {
  const [state, setState] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null });
  async function run() {
    setState({ busy: true, text: null });
    try {
      const response = await fetch(action, { method: "POST" });
      const body = (await response.json()) as {
        reachable?: boolean | null;
        version?: string | null;
        latencyMs?: number | null;
        error?: string | null;
        message?: string;
        engine?: string;
      };
      const text =
        body.error ??
        body.message ??
        (body.reachable ? `OK — ${body.version ?? ""} in ${body.latencyMs ?? "?"} ms` : body.engine ? `Started (${body.engine})` : "Not configured");
      setState({ busy: false, text });
    } catch {
      setState({ busy: false, text: "The request failed" });
    }
  }
  return (
    <span className="flex items-center gap-2">
      <button type="button" onClick={run} disabled={state.busy} className="rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700">
        {state.busy ? "Testing…" : label}
      </button>
      {state.text ? <span className="text-sm text-slate-600 dark:text-slate-300">{state.text}</span> : null}
    </span>
  );
}
