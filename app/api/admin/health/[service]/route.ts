// POST /api/admin/health/[service] — probe one integration now (the health page's "test" button); admins only
import { requireAdminRequest } from "@/lib/auth/guard";
import { AppError, errorResponse } from "@/lib/errors";
import { isIntegrationName, probeIntegration } from "@/lib/health/check";
import { clientsFromEnv } from "@/lib/integrations/clients";

type Context = { params: Promise<{ service: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    await requireAdminRequest(request);
    const { service } = await params;
    if (!isIntegrationName(service)) throw new AppError("not_found", `There is no integration "${service}"`);
    return Response.json({ service, ...(await probeIntegration(service, clientsFromEnv())) });
  } catch (error) {
    return errorResponse(error);
  }
}
