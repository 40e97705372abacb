// POST /api/admin/deliveries/[id]/retry — apply a failed (or pending) webhook delivery again, now; admins only
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdminRequest } from "@/lib/auth/guard";
import { AppError, errorResponse } from "@/lib/errors";
import { zodIssues } from "@/lib/integrations/webhook";
import { retryDeliveryNow } from "@/lib/workflows/intake";

type Context = { params: Promise<{ id: string }> };

const params = z.object({ id: z.coerce.number().int().positive() });

export async function POST(request: Request, context: Context): Promise<Response> {
  try {
    await requireAdminRequest(request);
    const parsed = params.safeParse(await context.params);
    if (!parsed.success) throw new AppError("bad_request", "Invalid delivery id", zodIssues(parsed.error));
    const result = await retryDeliveryNow({ db: await getDb(), id: parsed.data.id });
    if (!result) throw new AppError("not_found", "No failed or pending delivery with this id");
    const message =
      result.kind === "applied" || result.kind === "duplicate"
        ? "Applied"
        : result.kind === "pending"
          ? "Failed again; it will be retried"
          : `Not applicable: ${result.kind}`;
    return Response.json({ kind: result.kind, message });
  } catch (error) {
    return errorResponse(error);
  }
}
