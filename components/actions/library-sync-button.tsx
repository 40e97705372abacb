"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, callJson } from "./post-json";

/** "Sync library": starts the import (one at a time); the progress above refreshes while it runs. */
export function LibrarySyncButton({ running }: { running: boolean }) {
  const router = useRouter();
  const [text, setText] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        disabled={running}
        onClick={async () => {
          const result = await callJson("/api/admin/library-sync");
          setText(result.ok ? null : result.message);
          router.refresh();
        }}
      >
        {running ? "Syncing…" : "Sync library"}
      </button>
      {text ? <span className="text-sm text-red-700 dark:text-red-400">{text}</span> : null}
    </span>
  );
}
