import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { stagePresentation } from "@/lib/domain/presentation";
import { getViewer } from "@/lib/auth/viewer";
import { thresholdTable } from "@/lib/workflows/sweep/thresholds";
import { saveThresholdsAction } from "./actions";

export const metadata: Metadata = { title: "Sweep thresholds" };

export default async function ThresholdsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return <main className="mx-auto max-w-3xl p-4">Admins only.</main>;
  const rows = await thresholdTable(await getDb());
  const saved = (await searchParams).saved === "1";
  return (
    <main className="mx-auto max-w-3xl p-4">
      <h1 className="mb-1 text-2xl font-semibold">Sweep thresholds</h1>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
        Every sweep checks each item at its source, so a missed webhook is recovered at once. A threshold says how long an item may wait in a stage
        before it gets a reason on its card (for example “not imported”).
      </p>
      {saved ? (
        <p role="status" className="mb-3 text-sm text-emerald-700 dark:text-emerald-400">
          Saved; the next sweep uses them.
        </p>
      ) : null}
      <form action={saveThresholdsAction} className="flex flex-col gap-3">
        {rows.map((r) => (
          <label key={r.stage} className="flex flex-wrap items-center gap-3">
            <span className="w-40 font-medium">{stagePresentation[r.stage].label}</span>
            <input
              type="number"
              name={r.stage}
              min={1}
              max={10080}
              required
              defaultValue={r.minutes}
              className="w-28 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
            />
            <span className="text-sm text-slate-600 dark:text-slate-400">min (default {r.defaultMinutes})</span>
          </label>
        ))}
        <button type="submit" className="w-fit rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800">
          Save
        </button>
      </form>
    </main>
  );
}
