import "server-only";
import { getDb } from "@/db/client";
import type { Db } from "@/db/client";
import { clientsFromEnv, type Clients } from "@/lib/integrations/clients";

/** What workflow steps run against: the process database and the configured clients. Tests pass their own. */
export type Runtime = { db: Db; clients: Clients };

export async function defaultRuntime(): Promise<Runtime> {
  return { db: await getDb(), clients: clientsFromEnv() };
}
