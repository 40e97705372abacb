// GET /api/health — liveness and database reachability, nothing private
import { sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";

export async function GET(): Promise<Response> {
  try {
    const { db, driver } = await getDatabase();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: { driver, reachable: true } });
  } catch {
    return Response.json({ status: "degraded", database: { reachable: false } }, { status: 503 });
  }
}
