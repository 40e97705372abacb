// GET /api/admin/deliveries — recent webhook deliveries (source, event, status, error, time); admins only
import { z } from "zod";
import { getDb } from "@/db/client";
import { listRecentDeliveries } from "@/db/queries/delivery-admin";
import { requireAdmin } from "@/lib/auth/viewer";
import { AppError, errorResponse } from "@/lib/errors";
import { zodIssues } from "@/lib/integrations/webhook";

const query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdmin();
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", "Invalid query parameters", zodIssues(parsed.error));
    const items = await listRecentDeliveries({ db: await getDb(), limit: parsed.data.limit });
    return Response.json({ items: items.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })) });
  } catch (error) {
    return errorResponse(error);
  }
}
