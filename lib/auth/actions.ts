"use server";
import { signOut } from "./auth";

/** Ends the session (the JWT cookie is cleared) and goes to the sign-in page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
