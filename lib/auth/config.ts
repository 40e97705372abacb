import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { log } from "@/lib/log";
import { sameSitePath } from "./callback-url";
import { authSecret } from "./secret";
import { sessionUser } from "./session";
import { endSession, liveSession, startSession } from "./sessions";

/**
 * The cookie's own lifetime, the longest a browser keeps a cookie. A session really ends earlier: when
 * signed out, or idle for SESSION_IDLE_DAYS, both decided by its row in the database on every request.
 */
const COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

const signedInUser = sessionUser.extend({ id: z.string().min(1) });

/**
 * Whether the browser reached us over https. Decided from X-Forwarded-Proto (set by a reverse proxy, else
 * by Next as "http") in every context alike: left to Auth.js, route handlers would judge by their own
 * URL (always http behind a proxy) while pages judge by the header, and would look for differently named
 * cookies.
 */
export function overHttps(request: Pick<Request, "headers">): boolean {
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/**
 * Everything but the providers, shared by the proxy (which only reads sessions) and the full instance.
 * Cookies are Auth.js's defaults: httpOnly, SameSite=Lax, and `__Secure-` names with Secure over https.
 */
export async function baseAuthConfig(request: Request | undefined): Promise<NextAuthConfig> {
  return {
    secret: authSecret(),
    trustHost: true,
    useSecureCookies: overHttps(request ?? { headers: await headers() }),
    session: { strategy: "jwt", maxAge: COOKIE_MAX_AGE },
    pages: { signIn: "/login", error: "/login" },
    providers: [],
    callbacks: {
      // The cookie names a session row; without a live row (signed out, idle, revoked) there is no session.
      async jwt({ token, user }) {
        if (user) {
          const signedIn = signedInUser.safeParse(user);
          if (!signedIn.success) return null;
          token.sid = await startSession(signedIn.data);
          token.name = signedIn.data.name;
          token.idpAdmin = signedIn.data.idpAdmin;
          return token;
        }
        const live = await liveSession(token.sid);
        if (!live) return null;
        token.name = live.name;
        token.idpAdmin = live.idpAdmin;
        return token;
      },
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) : url;
        return `${baseUrl}${sameSitePath(path)}`;
      },
      session({ session, token }) {
        const user = { name: typeof token.name === "string" ? token.name : "", idpAdmin: token.idpAdmin === true };
        return { ...session, user };
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message) await endSession(message.token?.sid);
      },
    },
    // Auth.js logs through here: error names only, never a request body or credential.
    logger: {
      error: (error) => {
        // A refused sign-in is not an error of the app (and its class name is minified in a build).
        if (error instanceof CredentialsSignin) return;
        log.error("auth error", { error: error.name, message: error.message.split("\n")[0] });
      },
      warn: (code) => log.warn("auth warning", { code }),
      debug: () => {},
    },
  };
}
