"use client";
import { useFormStatus } from "react-dom";
import { signInAction } from "@/lib/auth/sign-in-action";

type Props = { callbackUrl: string; error: string | null };

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded-lg bg-accent px-4 py-3 text-base font-semibold text-on-accent disabled:opacity-60"
    >
      {pending ? "Signing in…" : "Sign in"}
    </button>
  );
}

/**
 * A plain POST form bound to a server action: it works before hydration and without JavaScript, and the
 * password travels only in the request body. Errors come back as `?code=` on the sign-in page.
 */
export function LoginForm({ callbackUrl, error }: Props) {
  const input = "w-full rounded-lg border border-line-strong bg-canvas px-3 py-3 text-base text-ink";
  return (
    <form action={signInAction} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Username</span>
        <input name="username" autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} required className={input} />
      </label>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Password</span>
        <input name="password" type="password" autoComplete="current-password" required className={input} />
      </label>
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <SubmitButton />
    </form>
  );
}
