import "server-only";
import type { Db } from "@/db/client";
import { appendActionEvent, closeRequest, deleteRequestRow, getRequestRow } from "@/db/queries/request-actions";
import { insertReport, resolveReport } from "@/db/queries/reports";
import type { RequestRow } from "@/db/schema";
import { actorName, type Actor } from "@/lib/auth/act-access";
import { AppError } from "@/lib/errors";
import type { Clients } from "@/lib/integrations/clients";
import { checkRequestNow } from "@/lib/workflows/sweep/sweep";
import { retryImport, searchAgain } from "./arr-actions";
import { authorizeAction } from "./authorize";
import type { ActionName, ActionResult, RequestAction } from "./schema";

export type ActionContext = { db: Db; clients: Clients; actor: Actor; membersSee: "all" | "own" };

/** The request, if this actor may do this action to it (else a 404 for one they cannot see, a 403 otherwise). */
export async function authorizedRequest(ctx: ActionContext, requestId: number, action: ActionName | "delete"): Promise<RequestRow> {
  const row = await getRequestRow({ db: ctx.db, id: requestId });
  const decision = authorizeAction({ actor: ctx.actor, action, request: row, membersSee: ctx.membersSee });
  if (decision === "forbidden") throw new AppError("forbidden", "Only an admin can do this");
  if (decision === "not_found" || !row) throw new AppError("not_found", `No request with id "${requestId}"`);
  return row;
}

const label: Record<ActionName, string> = {
  search: "Search again",
  check: "Check now",
  retry_import: "Retry import",
  dismiss: "Dismissed",
  done: "Marked as done",
  remove: "Removed from the tracker",
  report: "Reported a problem",
  resolve_report: "Resolved a report",
};

/** One per-request action: authorize next to the data, do it, record it on the timeline with who did it. */
export async function performRequestAction(ctx: ActionContext, requestId: number, action: RequestAction): Promise<ActionResult> {
  const row = await authorizedRequest(ctx, requestId, action.action);
  const by = actorName(ctx.actor);
  const record = async (what: string, data: Record<string, unknown> = {}) => {
    const message = `${label[action.action]} by ${by}: ${what}`;
    await appendActionEvent({ db: ctx.db, requestId: row.id, event: `action.${action.action}`, message, stage: row.stage, by, data });
    return { action: action.action, ok: true as const, message };
  };
  switch (action.action) {
    case "search":
      return record(await searchAgain({ db: ctx.db, clients: ctx.clients, row, blocklist: action.blocklist }), { blocklist: action.blocklist });
    case "retry_import":
      return record(await retryImport({ db: ctx.db, clients: ctx.clients, row }));
    case "check": {
      const { checked, report } = await checkRequestNow({ db: ctx.db, clients: ctx.clients, requestId: row.id });
      const outcome =
        report.advanced > 0
          ? `advanced it (${report.advanced} missed update${report.advanced === 1 ? "" : "s"})`
          : report.attention > 0
            ? "found a problem"
            : "nothing new";
      const errors = report.errors.length > 0 ? `; could not check: ${report.errors.join("; ")}` : "";
      return {
        ...(await record(`looked at ${checked.join(", ") || "nothing (no service is configured)"} — ${outcome}${errors}`, { checked })),
        checked,
      };
    }
    case "dismiss":
    case "done": {
      const kind = action.action === "done" ? "done" : "dismissed";
      const message = `${label[action.action]} by ${by}: ${action.reason}`;
      await closeRequest({ db: ctx.db, id: row.id, kind, reason: action.reason, by, message });
      return { action: action.action, ok: true, message };
    }
    case "remove": {
      const message = `${by} removed "${row.title}" from the tracker`;
      if (!(await deleteRequestRow({ db: ctx.db, id: row.id, by, message }))) throw new AppError("not_found", `No request with id "${requestId}"`);
      return { action: "remove", ok: true, message };
    }
    case "report": {
      await insertReport({ db: ctx.db, requestId: row.id, author: by, message: action.message, stage: row.stage });
      return { action: "report", ok: true, message: `${by} reported a problem: ${action.message}` };
    }
    case "resolve_report": {
      const resolved = await resolveReport({ db: ctx.db, requestId: row.id, reportId: action.reportId, by });
      if (!resolved) throw new AppError("not_found", `No open report ${action.reportId} on this request`);
      return record(`"${resolved.message}" from ${resolved.author}`);
    }
  }
}
