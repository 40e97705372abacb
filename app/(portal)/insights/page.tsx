import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { countRequestsByRequester, summarizeStageDurations, summarizeStuck, summarizeTimeToWatchable } from "@/db/queries/insights";
import { findMemberTimeZone } from "@/db/queries/notify-members";
import { Requesters, StageDurations, StageTrends, Stuck, TimeToWatchable } from "@/components/insights/figures";
import { viewerScope } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Insights" };

/** A zone PostgreSQL and the browser both know, else UTC. */
function knownZone(zone: string | null): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

function Section({ id, title, note, children }: { id: string; title: string; note?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-1 text-lg font-medium">
        {title}
      </h2>
      {note ? <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{note}</p> : null}
      {children}
    </section>
  );
}

export default async function InsightsPage() {
  await connection();
  const viewer = await getViewer();
  const scope = viewerScope(viewer, env().MEMBERS_SEE);
  const db = await getDb();
  const timeZone = knownZone(viewer ? await findMemberTimeZone({ db, name: viewer.name }) : null);
  const [durations, watchable, stuck, requesters] = await Promise.all([
    summarizeStageDurations({ db, scope, timeZone }),
    summarizeTimeToWatchable({ db, scope, timeZone }),
    summarizeStuck({ db, scope }),
    countRequestsByRequester({ db, scope }),
  ]);
  const ownOnly = scope !== null && !scope.all;
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Insights</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-300">
        {ownOnly ? "From your own requests" : "From every request in the house"}: how long each step takes, what gets stuck and who asks for what.
        Months are calendar months in {timeZone === "UTC" ? "UTC (set your time zone on the Notifications page)" : timeZone}.
      </p>
      <Section
        id="stage-durations"
        title="How long each stage takes"
        note="From reaching a stage to reaching the next one; only stages that have ended count. The 90th percentile is the time nine in ten stayed under."
      >
        <StageDurations rows={durations} />
      </Section>
      <Section id="stage-trends" title="Over time">
        <StageTrends rows={durations} />
      </Section>
      <Section
        id="time-to-watchable"
        title="From request to watchable"
        note="Per month of the request; a series counts from its first ready episode."
      >
        <TimeToWatchable rows={watchable} />
      </Section>
      <Section
        id="stuck"
        title="What gets stuck, and why"
        note="Requests that ever stalled, had an import blocked, were not found in the library or not matched."
      >
        <Stuck {...stuck} />
      </Section>
      <Section id="requesters" title="Requests per requester">
        <Requesters rows={requesters} />
      </Section>
    </>
  );
}
