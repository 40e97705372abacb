"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "./auth";
import { safeCallbackPath } from "./callback-url";
import { actionIsSameOrigin } from "./guard";

function backToLogin(callbackUrl: string, params: Record<string, string>): never {
  const query = new URLSearchParams({ ...params, ...(callbackUrl === "/" ? {} : { callbackUrl }) });
  redirect(`/login?${query}`);
}

/**
 * The sign-in form's action: a POST with the credentials in the body, with or without JavaScript. Goes
 * where the visitor was going on success, else back to the form with a code the page turns into words.
 */
export async function signInAction(form: FormData): Promise<void> {
  const callbackUrl = safeCallbackPath(form.get("callbackUrl"));
  if (!(await actionIsSameOrigin())) backToLogin(callbackUrl, { code: "cross_site" });
  const username = form.get("username");
  const password = form.get("password");
  if (typeof username !== "string" || typeof password !== "string" || !username.trim() || !password) {
    backToLogin(callbackUrl, { code: "credentials" });
  }
  try {
    await signIn("credentials", { username, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) backToLogin(callbackUrl, { code: error.code });
    if (error instanceof AuthError) backToLogin(callbackUrl, { error: error.type });
    throw error;
  }
  redirect(callbackUrl);
}
