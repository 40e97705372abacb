import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInMessage } from "@/lib/auth/messages";
import { env } from "@/lib/env";
import { signInSetupProblems } from "@/lib/auth/setup";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  const initialError = signInMessage(first(params.code), first(params.error));
  const withJellyfin = !!env().JELLYFIN_URL;
  const problems = signInSetupProblems(env());
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-8">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-slate-600 dark:text-slate-300">
        {withJellyfin ? "Use your Jellyfin username and password." : "Use the admin account set up for this server."}
      </p>
      {problems.length > 0 ? (
        <div
          role="alert"
          data-testid="sign-in-setup"
          className="mb-6 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-medium">Sign-in is not set up on this server yet.</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="mt-1">Restart after changing the configuration (see the README). To try the tracker with sample data, run npm run demo.</p>
        </div>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} error={initialError} />
    </main>
  );
}
