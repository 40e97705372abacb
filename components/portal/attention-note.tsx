"use client";

import { attentionSummary } from "@/lib/domain/attention-text";
import type { PortalRequest } from "@/lib/requests/transfer";
import { Icon } from "./icon";
import { useNow } from "./local-time";
import { toneClasses } from "./stage-badge";

/**
 * Why a request needs attention and for how long, as visible text ("Stalled for 2 h — no seeds"): a touch
 * screen never shows a tooltip. The duration follows the page's clock once the browser's time is known.
 */
export function AttentionNote({ attention }: { attention: NonNullable<PortalRequest["attention"]> }) {
  const now = useNow();
  return (
    <p
      data-testid="attention-note"
      data-kind={attention.kind}
      className={`flex w-fit max-w-full items-start gap-1.5 rounded-md px-2 py-1 text-xs font-medium ring-1 ring-inset ${toneClasses.warning}`}
    >
      <Icon name="alert" className="mt-px size-3.5" />
      <span className="min-w-0 break-words">{attentionSummary(attention, now)}</span>
    </p>
  );
}
