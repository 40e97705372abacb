import "server-only";
import type { Db } from "@/db/client";
import type { RequestRow } from "@/db/schema";
import type { Clients } from "@/lib/integrations/clients";
import { importedPaths, raiseNotFound, requestTargetedRescan, type VerifyOutcome } from "../verify";
import type { Diagnosis } from "./queue";

export type HandOff = (requestId: number) => Promise<void>;

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

/** Where Shoko stands on the request's imported files: unseen, seen but unmatched, or matched. */
async function shokoFindings(db: Db, row: RequestRow, clients: Clients): Promise<{ findings: Diagnosis[]; matched: string[] }> {
  const findings: Diagnosis[] = [];
  const matched: string[] = [];
  if (!clients.shoko) return { findings, matched };
  for (const path of await importedPaths(db, row.id)) {
    const tail = path.split(/[\\/]/).filter(Boolean).slice(-2).join("/");
    const files = await clients.shoko.filesByPathEnding(tail);
    const file = files[0];
    if (!file)
      findings.push({ kind: "match_failed", reason: `Shoko has not picked up ${baseName(path)}: check that its import folder covers ${path}` });
    else if (!file.Imported) findings.push({ kind: "match_failed", reason: `Shoko has ${baseName(path)} but has not matched it to AniDB` });
    else matched.push(path);
  }
  return { findings, matched };
}

/**
 * Imported (or matched) but not in Jellyfin past the threshold: look it up once; if it is still missing,
 * hand it to verify-availability (Inngest) or, embedded, rescan the imported paths and say what was checked.
 */
export async function checkLibrary(input: {
  db: Db;
  row: RequestRow;
  clients: Clients;
  anime: boolean;
  handOff: HandOff | null;
  /** The look-up this sweep already made. */
  outcome: VerifyOutcome;
}): Promise<{ findings: Diagnosis[]; handedOff: boolean }> {
  const { db, row, clients, outcome } = input;
  if (outcome.status !== "missing") return { findings: [], handedOff: false };
  const checked = [outcome.checked];
  if (input.anime) {
    const shoko = await shokoFindings(db, row, clients);
    if (shoko.findings.length > 0) return { findings: shoko.findings, handedOff: false };
    if (shoko.matched.length > 0) checked.push(`Shoko matched ${shoko.matched.map(baseName).join(", ")}; Shokofin has not shown it yet`);
  }
  if (input.handOff) {
    await input.handOff(row.id);
    return { findings: [], handedOff: true };
  }
  checked.push(await requestTargetedRescan({ db, clients, requestId: row.id }));
  await raiseNotFound({ db, requestId: row.id, checked });
  return { findings: [], handedOff: false };
}
