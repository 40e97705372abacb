/**
 * What the sign-in page says for an Auth.js error code. One message for a wrong name and a wrong password,
 * and for a disabled account, so the page never tells which names exist.
 */
export function signInMessage(code: string | null | undefined, error: string | null | undefined): string | null {
  if (!code && !error) return null;
  if (code === "rate_limited") return "Too many failed sign-ins. Try again later.";
  if (code === "cross_site") return "Sign in from this site's own sign-in page.";
  if (code === "unavailable") return "Jellyfin did not answer. Try again in a moment.";
  if (code === "credentials" || error === "CredentialsSignin") return "Wrong username or password.";
  return "Sign-in is not available right now. Try again later.";
}
