"use client";

import { signOutAction } from "@/lib/auth/actions";
import { announceSignOut } from "@/lib/portal/session-channel";

/** Signs out, and tells this browser's other tabs, which end their live streams and show the sign-in page. */
export function SignOutButton() {
  return (
    <form action={signOutAction} onSubmit={announceSignOut}>
      <button type="submit" data-testid="sign-out" className="rounded-md border border-line-strong px-3 py-1.5 text-caption text-ink hover:bg-raised">
        Sign out
      </button>
    </form>
  );
}
