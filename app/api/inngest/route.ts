// GET/POST/PUT /api/inngest — the Inngest serve endpoint for the durable workflows; a quiet 404 when Inngest is not set up
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { inngestServeConfigured } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";

const served = serve({ client: inngest, functions });

type Handler = (request: NextRequest, context: unknown) => Promise<Response>;

/** Without a signing key or dev mode the SDK would answer every caller 500 and log an error each time. */
function onlyWhenConfigured(handler: Handler): Handler {
  return async (request, context) => {
    if (!inngestServeConfigured()) return errorResponse(new AppError("not_found", "Inngest is not configured on this server"));
    return handler(request, context);
  };
}

export const GET = onlyWhenConfigured(served.GET);
export const POST = onlyWhenConfigured(served.POST);
export const PUT = onlyWhenConfigured(served.PUT);
