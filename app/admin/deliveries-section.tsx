import Link from "next/link";
import { LocalTime } from "@/components/portal/local-time";
import type { Db } from "@/db/client";
import { type DeliveryFilters, listDeliveryEventTypes, listRecentDeliveries } from "@/db/queries/delivery-admin";
import { deliveryStatuses } from "@/db/schema";
import { deliverySourceWords, deliveryStatusWords, eventWords } from "@/lib/admin/delivery-words";
import { webhookSources } from "@/lib/integrations/webhook";

export const deliveryStatusTone: Record<string, string> = {
  applied: "text-emerald-700 dark:text-emerald-400",
  ignored: "text-slate-600 dark:text-slate-400",
  duplicate: "text-slate-600 dark:text-slate-400",
  rejected: "text-amber-700 dark:text-amber-400",
  pending: "text-amber-700 dark:text-amber-400",
  failed: "text-red-700 dark:text-red-400",
};

const select = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const columns = "sm:grid-cols-[11rem_7rem_minmax(0,1fr)_12rem]";

/**
 * Recent webhook deliveries, filterable by source, status and event (a plain GET form: works without
 * script), each opening its stored body. A stacked list rather than a table, so a phone never scrolls sideways.
 */
export async function DeliveriesSection({ db, filters }: { db: Db; filters: DeliveryFilters }) {
  const [deliveries, events] = await Promise.all([listRecentDeliveries({ db, limit: 100, filters }), listDeliveryEventTypes({ db })]);
  const filtered = Boolean(filters.source || filters.status || filters.eventType);
  return (
    <section aria-labelledby="deliveries-heading" className="mb-8">
      <h2 id="deliveries-heading" className="mb-3 text-lg font-medium">
        Recent webhook deliveries
      </h2>
      <form method="get" action="/admin" className="mb-3 grid grid-cols-2 items-end gap-2 sm:grid-cols-[repeat(3,minmax(0,12rem))_auto_auto]">
        <label className="text-sm">
          <span className="mb-0.5 block">Source</span>
          <select name="source" defaultValue={filters.source ?? ""} className={select}>
            <option value="">Any</option>
            {webhookSources.map((s) => (
              <option key={s} value={s}>
                {deliverySourceWords[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-0.5 block">Status</span>
          <select name="status" defaultValue={filters.status ?? ""} className={select}>
            <option value="">Any</option>
            {deliveryStatuses.map((s) => (
              <option key={s} value={s}>
                {deliveryStatusWords[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="col-span-2 text-sm sm:col-span-1">
          <span className="mb-0.5 block">Event</span>
          <select name="event" defaultValue={filters.eventType ?? ""} className={select}>
            <option value="">Any</option>
            {events.map((e) => (
              <option key={`${e.source}:${e.eventType}`} value={e.eventType}>
                {deliverySourceWords[e.source]}: {eventWords(e.eventType)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800">
          Filter
        </button>
        {filtered ? (
          <Link href="/admin" className="self-center text-sm underline">
            Show all
          </Link>
        ) : null}
      </form>
      {deliveries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{filtered ? "No delivery matches." : "No deliveries yet."}</p>
      ) : (
        <>
          <div
            className={`hidden gap-3 border-b border-slate-200 py-2 text-sm font-medium sm:grid dark:border-slate-800 ${columns}`}
            aria-hidden="true"
          >
            <span>Received</span>
            <span>Source</span>
            <span>Event</span>
            <span>Status</span>
          </div>
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="deliveries">
            {deliveries.map((d) => (
              <li key={d.id}>
                <Link
                  href={`/admin/deliveries/${d.id}`}
                  className={`grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-0.5 py-2 hover:bg-slate-50 sm:gap-y-0 dark:hover:bg-slate-900 ${columns}`}
                >
                  <span className="text-slate-600 sm:text-inherit dark:text-slate-300">
                    <LocalTime iso={d.receivedAt.toISOString()} />
                  </span>
                  <span className="text-right font-medium sm:text-left sm:font-normal">{deliverySourceWords[d.source]}</span>
                  <span className="break-words underline decoration-slate-400 underline-offset-2">{eventWords(d.eventType)}</span>
                  <span className={`text-right sm:text-left ${deliveryStatusTone[d.status] ?? ""}`}>{deliveryStatusWords[d.status]}</span>
                  {d.error ? <span className="col-span-2 break-words text-slate-600 sm:col-span-4 dark:text-slate-300">{d.error}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
