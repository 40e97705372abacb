import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { parseDeliveryFilters } from "@/lib/admin/delivery-words";
import { getViewer } from "@/lib/auth/viewer";
import { AdminOverview } from "@/components/actions/admin-overview";
import { NotificationsPanel } from "@/components/notify/admin-panel";
import { DeliveriesSection } from "./deliveries-section";
import { IntakeSections } from "./intake-sections";

export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await connection();
  // The proxy already answers 403 to members; this check keeps the page safe on its own.
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return <main className="mx-auto max-w-3xl p-4">Admins only.</main>;
  const db = await getDb();
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
      <DeliveriesSection db={db} filters={parseDeliveryFilters(await searchParams)} />
      <NotificationsPanel />
    </main>
  );
}
