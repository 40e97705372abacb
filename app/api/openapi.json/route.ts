// GET /api/openapi.json — the API described (OpenAPI 3.1, generated from the routes' zod schemas)
import { requireReader } from "@/lib/auth/read-access";
import { openApiDocument } from "@/lib/api/openapi";
import { errorResponse } from "@/lib/errors";

export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    return Response.json(openApiDocument(new URL(request.url).origin));
  } catch (error) {
    return errorResponse(error);
  }
}
