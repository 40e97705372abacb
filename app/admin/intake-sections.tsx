import Link from "next/link";
import { LocalTime } from "@/components/portal/local-time";
import type { Db } from "@/db/client";
import { listUnappliedDeliveries } from "@/db/queries/delivery-admin";
import { listParkedSignals } from "@/db/queries/parked";
import { deliverySourceWords, eventWords } from "@/lib/admin/delivery-words";
import { RetryButton } from "./retry-button";

/** Deliveries that did not apply (failed: Retry; pending: retried on their own) and early signals still waiting. */
export async function IntakeSections({ db }: { db: Db }) {
  const [unapplied, waiting, expired] = await Promise.all([
    listUnappliedDeliveries({ db, limit: 100 }),
    listParkedSignals({ db, status: "parked", limit: 100 }),
    listParkedSignals({ db, status: "expired", limit: 100 }),
  ]);
  return (
    <>
      <section className="mb-6">
        <h2 className="mb-2 text-lg font-medium">Deliveries not applied</h2>
        {unapplied.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">None: every recorded delivery took effect.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-900">
            {unapplied.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link href={`/admin/deliveries/${d.id}`} className="underline">
                    {deliverySourceWords[d.source]}: {eventWords(d.eventType)}
                  </Link>{" "}
                  · <LocalTime iso={d.receivedAt.toISOString()} /> ·{" "}
                  <span className={d.status === "failed" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400"}>
                    {d.status === "failed" ? `failed after ${d.attempts} attempts` : `pending, attempt ${d.attempts + 1} due`}
                  </span>
                  {d.error ? <span className="block break-words text-slate-600 dark:text-slate-300">{d.error}</span> : null}
                </span>
                {d.status === "failed" ? <RetryButton id={d.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="mb-6">
        <h2 className="mb-2 text-lg font-medium">Early signals waiting for their request</h2>
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
          Applied the moment the request, download or episode they name appears; dropped after 30 days without one.
        </p>
        <ParkedList rows={waiting} empty="Nothing is waiting." />
        {expired.length > 0 ? (
          <>
            <h3 className="mt-3 mb-1 font-medium">Expired without a match</h3>
            <ParkedList rows={expired} empty="" />
          </>
        ) : null}
      </section>
    </>
  );
}

function ParkedList({ rows, empty }: { rows: Awaited<ReturnType<typeof listParkedSignals>>; empty: string }) {
  if (rows.length === 0) return empty ? <p className="text-sm">{empty}</p> : null;
  return (
    <ul className="text-sm">
      {rows.map((p) => (
        <li key={p.id}>
          <LocalTime iso={p.parkedAt.toISOString()} /> · {p.summary}
        </li>
      ))}
    </ul>
  );
}
