import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listDeletions } from "@/db/queries/deletions";
import { DeletionLog } from "@/components/actions/deletion-log";
import { RefreshWhile } from "@/components/actions/refresh-while";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Deletions" };

export default async function DeletionsPage() {
  await connection();
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return <main className="mx-auto max-w-3xl p-4">Admins only.</main>;
  const deletions = await listDeletions({ db: await getDb(), limit: 100 });
  return (
    <main className="mx-auto max-w-5xl p-4">
      <h1 className="mb-4 text-2xl font-semibold">Deletions</h1>
      <RefreshWhile active={deletions.some((d) => d.status === "running")} />
      <DeletionLog deletions={deletions} />
    </main>
  );
}
