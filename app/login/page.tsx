import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInMessage } from "@/lib/auth/messages";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const initialError = signInMessage(first(params.code), first(params.error));
  const withJellyfin = !!env().JELLYFIN_URL;
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-8">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-slate-600 dark:text-slate-300">
        {withJellyfin ? "Use your Jellyfin username and password." : "Use the admin account set up for this server."}
      </p>
      <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
    </main>
  );
}
