// GET /api/docs — the API reference as a readable page, for signed-in users
import { openApiDocument } from "@/lib/api/openapi";
import { renderDocsPage } from "@/lib/api/docs-page";
import { requireViewer } from "@/lib/auth/viewer";
import { errorResponse } from "@/lib/errors";

export async function GET(request: Request): Promise<Response> {
  try {
    await requireViewer();
    const html = renderDocsPage(openApiDocument(new URL(request.url).origin));
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
