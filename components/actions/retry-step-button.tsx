"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, callJson } from "./post-json";

export function RetryStepButton({ deletionId, stepId }: { deletionId: number; stepId: number }) {
  const router = useRouter();
  const [text, setText] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        onClick={async () => {
          const result = await callJson(`/api/admin/deletions/${deletionId}/steps/${stepId}/retry`);
          setText(result.ok ? "Retrying…" : result.message);
          if (result.ok) router.refresh();
        }}
      >
        Retry
      </button>
      {text ? <span className="text-xs">{text}</span> : null}
    </span>
  );
}
