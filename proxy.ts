// Every page and API passes here first: sign-in redirect for pages, JSON 401 for APIs, 403 for admin areas.
import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/config";
import { forbiddenHtml } from "@/lib/auth/forbidden-page";
import { gate } from "@/lib/auth/gate";
import { viewerFromSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

function answer(request: NextRequest, session: unknown): Response {
  const { ADMIN_USERS, USER_ALIASES } = env();
  const viewer = viewerFromSession(session, { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
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

// Session reading only: the providers (and the Jellyfin client) are not needed to check a cookie.
const { auth } = NextAuth(async (request) => {
  const base = await baseAuthConfig(request);
  return { ...base, callbacks: { ...base.callbacks, authorized: ({ request, auth: session }) => answer(request, session) } };
});

export default auth;

export const config = {
  // Static build output and icons carry nothing private. Auth.js's own endpoints are left to Auth.js: a
  // session check here would set a second CSRF cookie beside the one the endpoint sets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|api/auth/).*)"],
};
