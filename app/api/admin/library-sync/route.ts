// GET  /api/admin/library-sync — the latest "Sync library" run and its progress (n of N)
// POST /api/admin/library-sync — start importing the existing library (one run at a time)
import { getDb } from "@/db/client";
import { latestLibrarySync } from "@/db/queries/library-syncs";
import { presentLibrarySync } from "@/lib/api/library-sync-schema";
import { requireAdminActor } from "@/lib/auth/act-access";
import { requireAdmin } from "@/lib/auth/viewer";
import { errorResponse } from "@/lib/errors";
import { startLibrarySync } from "@/lib/workflows/library-sync-start";

export async function GET(): Promise<Response> {
  try {
    await requireAdmin();
    const row = await latestLibrarySync({ db: await getDb() });
    return Response.json({ sync: row ? presentLibrarySync(row) : null });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireAdminActor(request);
    return Response.json({ sync: presentLibrarySync(await startLibrarySync({ by: viewer.name })) }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
