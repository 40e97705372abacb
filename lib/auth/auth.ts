import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { baseAuthConfig } from "./config";
import { authorizeCredentials } from "./sign-in";

/** The full Auth.js instance: sign-in with a Jellyfin account or the local admin. Lazy so env is read per request. */
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => ({
  ...(await baseAuthConfig(request)),
  providers: [
    Credentials({
      credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(credentials, request),
    }),
  ],
}));
