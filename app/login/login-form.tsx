"use client";
import { useState, type FormEvent } from "react";
import { signInMessage } from "@/lib/auth/messages";

type Props = { callbackUrl: string; initialError: string | null };

async function csrfToken(): Promise<string> {
  const response = await fetch("/api/auth/csrf", { cache: "no-store" });
  const body = (await response.json()) as { csrfToken?: unknown };
  if (typeof body.csrfToken !== "string") throw new Error("no csrf token");
  return body.csrfToken;
}

/**
 * Posts to Auth.js's credentials callback. `X-Auth-Return-Redirect` makes Auth.js answer with JSON
 * `{ url }` instead of a redirect, so the page can show the error in place; a 429 carries its own message.
 */
async function submit(form: FormData, callbackUrl: string): Promise<{ url: string } | { error: string }> {
  const body = new URLSearchParams({
    username: String(form.get("username") ?? ""),
    password: String(form.get("password") ?? ""),
    csrfToken: await csrfToken(),
    callbackUrl,
  });
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body,
  });
  const data = (await response.json().catch(() => ({}))) as { url?: unknown; message?: unknown };
  if (response.status === 429) return { error: typeof data.message === "string" ? data.message : "Too many failed sign-ins." };
  if (!response.ok || typeof data.url !== "string") return { error: signInMessage(null, "Unknown") ?? "" };
  const url = new URL(data.url, window.location.origin);
  const message = signInMessage(url.searchParams.get("code"), url.searchParams.get("error"));
  // Auth.js only returns URLs on this site; its host may differ from the one in the address bar (a
  // reverse proxy, a LAN address), so only the path is followed.
  return message ? { error: message } : { url: `${url.pathname}${url.search}${url.hash}` };
}

export function LoginForm({ callbackUrl, initialError }: Props) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const result = await submit(new FormData(event.currentTarget), callbackUrl);
      if ("url" in result) {
        // A full load, so every server component renders with the new session cookie.
        window.location.assign(result.url);
        return;
      }
      setError(result.error);
    } catch {
      setError("The server did not answer. Check your connection and try again.");
    }
    setPending(false);
  }

  const input =
    "w-full rounded-lg border border-slate-300 bg-white px-3 py-3 text-base dark:border-slate-700 dark:bg-slate-900";
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
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
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-slate-900 px-4 py-3 text-base font-semibold text-white disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
