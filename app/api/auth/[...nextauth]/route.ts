// GET, POST /api/auth/* — Auth.js (session, csrf, sign-in, sign-out); POSTs only from this site, sign-ins throttled first
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { requireSameOrigin } from "@/lib/auth/guard";
import { signInRateLimitResponse } from "@/lib/auth/sign-in-limit";
import { errorResponse } from "@/lib/errors";

export const GET = handlers.GET;

export async function POST(request: NextRequest): Promise<Response> {
  try {
    requireSameOrigin(request);
    return (await signInRateLimitResponse(request)) ?? (await handlers.POST(request));
  } catch (error) {
    return errorResponse(error);
  }
}
