import { attentionLabel } from "@/lib/domain/attention";
import { attentionAdvice } from "@/lib/portal/attention-advice";
import type { PortalRequest } from "@/lib/requests/transfer";
import { Icon } from "./icon";
import { LocalTime } from "./local-time";

/** What is wrong in plain words, and what the admin can do about it. */
export function AttentionBox({ attention }: { attention: NonNullable<PortalRequest["attention"]> }) {
  const advice = attentionAdvice[attention.kind];
  return (
    <section
      role="alert"
      data-testid="attention-box"
      className="rounded-lg border border-amber-400 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 className="flex items-center gap-2 font-semibold">
        <Icon name="alert" />
        Needs attention: {attentionLabel[attention.kind]}
      </h2>
      <p className="mt-1 text-sm">{advice.meaning}</p>
      {attention.reason ? <p className="mt-1 text-sm">Reported: {attention.reason}</p> : null}
      <p className="mt-1 text-sm">{advice.action}</p>
      {attention.since ? (
        <p className="mt-1 text-xs">
          Since <LocalTime iso={attention.since} />
        </p>
      ) : null}
    </section>
  );
}
