// Every page and API passes here first: sign-in redirect for pages, JSON 401 for APIs, 403 for admin areas.
import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { baseAuthConfig } from "@/lib/auth/config";
import { forbiddenHtml } from "@/lib/auth/forbidden-page";
import { gate } from "@/lib/auth/gate";
import { viewerFromSession } from "@/lib/auth/session";
import { env } from "@/lib/env";

// Session reading only: the providers (and the Jellyfin client) are not needed to check a cookie.
const { auth } = NextAuth(() => baseAuthConfig());

export default auth((request) => {
  const { ADMIN_USERS, USER_ALIASES } = env();
  const viewer = viewerFromSession(request.auth, { adminUsers: ADMIN_USERS, aliases: USER_ALIASES });
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
});

export const config = {
  // Static build output and icons carry nothing private; everything else is checked.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
