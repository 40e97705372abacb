import type { Env } from "@/lib/env";

/**
 * What stops anyone from signing in, in plain words for the login page; empty when sign-in can work.
 * A fresh install otherwise shows a form nobody can use.
 */
export function signInSetupProblems(e: Pick<Env, "AUTH_SECRET" | "NODE_ENV" | "JELLYFIN_URL" | "ADMIN_USERNAME">): string[] {
  const problems: string[] = [];
  if (!e.AUTH_SECRET && e.NODE_ENV === "production") problems.push("AUTH_SECRET is not set (generate one with openssl rand -base64 32).");
  if (!e.JELLYFIN_URL && !e.ADMIN_USERNAME) problems.push("No way to sign in is configured: set JELLYFIN_URL, or ADMIN_USERNAME and ADMIN_PASSWORD.");
  return problems;
}
