import type { NextAuthConfig } from "next-auth";
import { headers } from "next/headers";
import { log } from "@/lib/log";
import { authSecret } from "./secret";
import { sessionUser } from "./session";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

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
    session: { strategy: "jwt", maxAge: THIRTY_DAYS },
    pages: { signIn: "/login", error: "/login" },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        const signedIn = user ? sessionUser.safeParse(user) : null;
        if (signedIn?.success) {
          token.name = signedIn.data.name;
          token.idpAdmin = signedIn.data.idpAdmin;
        }
        return token;
      },
      session({ session, token }) {
        const user = { name: typeof token.name === "string" ? token.name : "", idpAdmin: token.idpAdmin === true };
        return { ...session, user };
      },
    },
    // Auth.js logs through here: error names only, never a request body or credential.
    logger: {
      error: (error) => {
        if (error.name === "CredentialsSignin") return;
        log.error("auth error", { error: error.name, message: error.message.split("\n")[0] });
      },
      warn: (code) => log.warn("auth warning", { code }),
      debug: () => {},
    },
  };
}
