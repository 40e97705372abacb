import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listRecentDeliveries } from "@/db/queries/delivery-admin";
import { getViewer } from "@/lib/auth/viewer";
import { AdminOverview } from "@/components/actions/admin-overview";
import { NotificationsPanel } from "@/components/notify/admin-panel";
import { IntakeSections } from "./intake-sections";

export const metadata: Metadata = { title: "Admin" };

const statusStyle: Record<string, string> = {
  applied: "text-emerald-700 dark:text-emerald-400",
  ignored: "text-slate-500",
  duplicate: "text-slate-500",
  rejected: "text-amber-700 dark:text-amber-400",
  pending: "text-amber-700 dark:text-amber-400",
  failed: "text-red-700 dark:text-red-400",
};

export default async function AdminPage() {
  await connection();
  // The proxy already answers 403 to members; this check keeps the page safe on its own.
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return <main className="mx-auto max-w-3xl p-4">Admins only.</main>;
  const db = await getDb();
  const deliveries = await listRecentDeliveries({ db, limit: 100 });
  return (
    <main className="mx-auto max-w-5xl p-4">
      <h1 className="mb-1 text-2xl font-semibold">Admin</h1>
      <AdminOverview />
      <p className="mb-3 text-sm">
        <Link href="/admin/thresholds" className="underline">
          Sweep thresholds
        </Link>
      </p>
      <IntakeSections db={db} />
      <h2 className="mb-3 text-lg font-medium">Recent webhook deliveries</h2>
      {deliveries.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">No deliveries yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th className="py-2 pr-3">Received</th>
                <th className="py-2 pr-3">Source</th>
                <th className="py-2 pr-3">Event</th>
                <th className="py-2 pr-3">Status</th>
                <th className="py-2">Error</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-900">
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <time dateTime={d.receivedAt.toISOString()}>{d.receivedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                  </td>
                  <td className="py-2 pr-3">{d.source}</td>
                  <td className="py-2 pr-3">{d.eventType ?? "—"}</td>
                  <td className={`py-2 pr-3 ${statusStyle[d.status] ?? ""}`}>{d.status}</td>
                  <td className="py-2 break-words">{d.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NotificationsPanel />
    </main>
  );
}
