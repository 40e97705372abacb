"use server";
import { signOut } from "./auth";
import { requireSameOriginAction } from "./guard";

/** Ends the session (its row goes, so a copy of the cookie is worthless too) and goes to the sign-in page. */
export async function signOutAction(): Promise<void> {
  await requireSameOriginAction();
  await signOut({ redirectTo: "/login" });
}
