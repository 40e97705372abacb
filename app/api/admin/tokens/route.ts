// GET  /api/admin/tokens — named API tokens (never their secrets)
// POST /api/admin/tokens — create a named token, read-only or read-and-act; the secret is in this answer only
import { getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { createTokenRequest, presentToken } from "@/lib/api/token-schemas";
import { requireAdminActor } from "@/lib/auth/act-access";
import { createApiToken } from "@/lib/auth/token-admin";
import { requireAdmin } from "@/lib/auth/viewer";
import { errorResponse } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/parse-json";

export async function GET(): Promise<Response> {
  try {
    await requireAdmin();
    return Response.json({ items: (await listApiTokens({ db: await getDb() })).map(presentToken) });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const viewer = await requireAdminActor(request);
    const { name, scope } = await parseJsonBody(request, createTokenRequest);
    const { token, secret } = await createApiToken({ db: await getDb(), name, scope, by: viewer.name });
    return Response.json({ token: presentToken(token), secret }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
