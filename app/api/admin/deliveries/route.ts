// GET /api/admin/deliveries — recent webhook deliveries (source, event, status, error, time), filterable by source, status and event; admins only
import { z } from "zod";
import { getDb } from "@/db/client";
import { listRecentDeliveries } from "@/db/queries/delivery-admin";
import { deliveryStatuses } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/viewer";
import { AppError, errorResponse } from "@/lib/errors";
import { webhookSources, zodIssues } from "@/lib/integrations/webhook";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  source: z.enum(webhookSources).optional(),
  status: z.enum(deliveryStatuses).optional(),
  event: z.string().trim().min(1).max(100).optional(),
});

export async function GET(request: Request): Promise<Response> {
  try {
    await requireAdmin();
    const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", "Invalid query parameters", zodIssues(parsed.error));
    const { limit, source, status, event } = parsed.data;
    const items = await listRecentDeliveries({ db: await getDb(), limit, filters: { source, status, eventType: event } });
    return Response.json({ items: items.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })) });
  } catch (error) {
    return errorResponse(error);
  }
}
