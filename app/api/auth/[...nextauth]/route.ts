// GET, POST /api/auth/* — Auth.js (session, csrf, sign-in, sign-out); failed sign-ins are rate limited first
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { signInRateLimitResponse } from "@/lib/auth/sign-in-limit";

export const GET = handlers.GET;

export async function POST(request: NextRequest): Promise<Response> {
  return (await signInRateLimitResponse(request)) ?? handlers.POST(request);
}
