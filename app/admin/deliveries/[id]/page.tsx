import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { LocalTime } from "@/components/portal/local-time";
import { getDb } from "@/db/client";
import { findDelivery } from "@/db/queries/delivery-admin";
import { deliverySourceWords, deliveryStatusWords, eventWords, prettyBody } from "@/lib/admin/delivery-words";
import { getViewer } from "@/lib/auth/viewer";
import { deliveryStatusTone } from "../../deliveries-section";
import { RetryButton } from "../../retry-button";

export const metadata: Metadata = { title: "Webhook delivery" };

type Props = { params: Promise<{ id: string }> };

/** One stored webhook delivery: what it was, what became of it, the requests it touched and its (redacted) body. */
export default async function DeliveryPage({ params }: Props) {
  await connection();
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return <main className="mx-auto max-w-3xl p-4">Admins only.</main>;
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const d = await findDelivery({ db: await getDb(), id });
  if (!d) notFound();
  return (
    <main className="mx-auto max-w-5xl p-4">
      <p className="mb-2 text-sm">
        <Link href="/admin" className="underline">
          ← Admin
        </Link>
      </p>
      <h1 className="mb-3 text-2xl font-semibold break-words">
        {deliverySourceWords[d.source]}: {eventWords(d.eventType)}
      </h1>
      <dl className="mb-6 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" data-testid="delivery-facts">
        <dt className="font-medium">Received</dt>
        <dd>
          <LocalTime iso={d.receivedAt.toISOString()} />
        </dd>
        <dt className="font-medium">Outcome</dt>
        <dd className={deliveryStatusTone[d.status]}>
          {deliveryStatusWords[d.status]}
          {d.attempts > 1 ? ` after ${d.attempts} attempts` : ""}
        </dd>
        {d.error ? (
          <>
            <dt className="font-medium">{d.status === "ignored" ? "Why" : "Error"}</dt>
            <dd className="break-words" data-testid="delivery-error">
              {d.error}
            </dd>
          </>
        ) : null}
        <dt className="font-medium">Request</dt>
        <dd>
          {d.requests.length === 0 ? (
            "None"
          ) : (
            <ul>
              {d.requests.map((r) => (
                <li key={r.id}>
                  <Link href={`/requests/${r.id}`} className="underline">
                    {r.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {d.status === "failed" ? (
        <div className="mb-6">
          <RetryButton id={d.id} />
        </div>
      ) : null}
      <h2 className="mb-2 text-lg font-medium">Body as stored</h2>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
        E-mail addresses, passwords, keys and tokens were replaced before it was kept.
      </p>
      <pre
        className="max-h-[70vh] overflow-auto rounded-lg bg-slate-100 p-3 text-xs whitespace-pre-wrap break-all dark:bg-slate-900"
        data-testid="delivery-body"
      >
        {prettyBody(d.body)}
      </pre>
    </main>
  );
}
