import type { NextAuthConfig } from "next-auth";
import { log } from "@/lib/log";
import { authSecret } from "./secret";
import { sessionUser } from "./session";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/**
 * Everything but the providers, shared by the proxy (which only reads sessions) and the full instance.
 * Cookies are Auth.js's defaults: httpOnly, SameSite=Lax, and `__Secure-` + Secure whenever the request
 * came over https (trustHost reads X-Forwarded-Proto from the reverse proxy).
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
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
