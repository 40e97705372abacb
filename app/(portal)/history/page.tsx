import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { countByStage } from "@/db/queries/history";
import { listRequesters } from "@/db/queries/portal";
import { decodeCursor, listRequests } from "@/db/queries/request-list";
import { HistoryTable } from "@/components/portal/history-table";
import { viewerScope } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { RequesterSelect } from "@/components/portal/requester-select";
import { stagePresentation } from "@/lib/domain/presentation";
import { historyStages, type HistoryStage } from "@/lib/portal/filters";
import { presentPortalRequest } from "@/lib/requests/transfer";

export const metadata: Metadata = { title: "History" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function HistoryPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const tabParam = one(params.tab);
  const tab: HistoryStage = (historyStages as readonly string[]).includes(tabParam ?? "") ? (tabParam as HistoryStage) : "available";
  const requester = one(params.requester)?.trim().slice(0, 200) || undefined;
  const cursorParam = one(params.cursor);
  const cursor = cursorParam ? decodeCursor(cursorParam) : null;
  const db = await getDb();
  const scope = viewerScope(await getViewer(), env().MEMBERS_SEE);
  const [counts, page, requesters] = await Promise.all([
    countByStage({ db, scope, stages: historyStages, requestedBy: requester }),
    listRequests({ db, scope, filters: { stages: [tab], requestedBy: requester }, cursor, limit: PAGE_SIZE }),
    listRequesters({ db, scope }),
  ]);
  const rows = page.items.map((r) => presentPortalRequest(r, r.downloads));
  const href = (over: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const merged = { tab, requester, ...over };
    for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v);
    return `/history?${p.toString()}`;
  };

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">History</h1>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Outcome" className="flex flex-wrap gap-2">
          {historyStages.map((s) => (
            <Link
              key={s}
              href={href({ tab: s })}
              aria-current={s === tab ? "page" : undefined}
              className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset ${s === tab ? "bg-slate-900 text-white ring-slate-900 dark:bg-slate-100 dark:text-slate-900" : "ring-slate-300 hover:bg-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"}`}
            >
              {stagePresentation[s].label} <span className="tabular-nums">({counts[s] ?? 0})</span>
            </Link>
          ))}
        </nav>
        <RequesterSelect requesters={requesters} value={requester ?? ""} />
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
          Nothing {stagePresentation[tab].label.toLowerCase()} {requester ? `for ${requester} ` : ""}yet.
        </p>
      ) : (
        <HistoryTable rows={rows} />
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
        {cursor ? (
          <Link href={href({ cursor: undefined })} className="underline">
            First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={href({ cursor: page.nextCursor })} className="underline">
            Older
          </Link>
        ) : null}
      </nav>
    </>
  );
}
