// Every page and API passes here first: sign-in redirect for pages, JSON 401 for APIs, 403 for admin areas.
import { NextResponse, type NextRequest } from "next/server";
import { forbiddenHtml } from "@/lib/auth/forbidden-page";
import { gate, isOpenPath } from "@/lib/auth/gate";
import { viewerFromRequest } from "@/lib/auth/request-viewer";
import type { Viewer } from "@/lib/auth/session";
import { log } from "@/lib/log";

function answer(request: NextRequest, viewer: Viewer | null): Response {
  const hasBearer = /^Bearer\s+\S/i.test(request.headers.get("authorization") ?? "");
  const { pathname, search } = request.nextUrl;
  switch (gate({ pathname, viewer, hasBearer })) {
    case "allow":
      return NextResponse.next();
    case "unauthorized":
      return NextResponse.json({ error: "unauthorized", message: "Sign in first" }, { status: 401 });
    case "forbidden":
      return pathname.startsWith("/api/")
        ? NextResponse.json({ error: "forbidden", message: "Only an admin can do this" }, { status: 403 })
        : new NextResponse(forbiddenHtml, { status: 403, headers: { "content-type": "text/html; charset=utf-8" } });
    case "login": {
      const login = new URL("/login", request.nextUrl.origin);
      login.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(login);
    }
  }
}

/**
 * Reads the session cookie without writing it. Auth.js's own middleware re-issues a JWT session cookie on
 * every request it sees; a response still in flight when someone signs out (a link prefetch, say) then
 * put the cookie back and undid the sign-out. The cookie only names a session: its row in the database
 * decides whether it is still live (signed out, idle and revoked sessions are not).
 */
export default async function proxy(request: NextRequest): Promise<Response> {
  if (isOpenPath(request.nextUrl.pathname)) return NextResponse.next();
  try {
    return answer(request, await viewerFromRequest(request));
  } catch (error) {
    log.warn("session lookup failed", { message: error instanceof Error ? error.message : String(error) });
    return NextResponse.json({ error: "service_unavailable", message: "Try again in a moment" }, { status: 503 });
  }
}

export const config = {
  // Static build output and icons carry nothing private. Auth.js's own endpoints are left to Auth.js: a
  // session check here would set a second CSRF cookie beside the one the endpoint sets. The live stream checks
  // its session itself, once per connection: a second pass here doubled the cost of 500 clients connecting.
  // Webhooks carry their own secret and the gate lets them through anyway: skipping the proxy for them saves its
  // request and response objects on the busiest path.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/auth/|api/events$|api/webhooks/).*)"],
};
