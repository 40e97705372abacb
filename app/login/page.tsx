import type { Metadata } from "next";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInMessage } from "@/lib/auth/messages";
import { env } from "@/lib/env";
import { signInSetupProblems } from "@/lib/auth/setup";
import { currentTheme } from "@/lib/theme/current";
import { ThemeToggle } from "@/components/chrome/theme-toggle";
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
  const { theme, fromCookie } = await currentTheme();
  return (
    <main className="relative flex min-h-dvh items-center justify-center px-4 py-8">
      <div className="absolute top-3 right-3">
        <ThemeToggle initial={theme} fromCookie={fromCookie} />
      </div>
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-6 shadow-card">
        <div className="mb-6 flex items-center gap-3">
          <img src="/icon.svg" alt="" width={40} height={40} className="size-10" />
          <div>
            <p className="text-title font-semibold tracking-tight">Status Tracker</p>
            <p className="text-caption text-ink-muted">Where every request in the house stands</p>
          </div>
        </div>
        <h1 className="mb-1 text-title font-semibold">Sign in</h1>
        <p className="mb-6 text-body text-ink-muted" data-testid="sign-in-account">
          {withJellyfin
            ? "Use your Jellyfin account: the same username and password you watch with."
            : "Use the admin account set up for this server."}
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
      </div>
    </main>
  );
}
