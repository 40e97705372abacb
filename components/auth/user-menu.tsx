import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { getViewer } from "@/lib/auth/viewer";

/** Who is signed in, the admin link for admins only, and sign-out. Renders nothing when signed out. */
export async function UserMenu() {
  const viewer = await getViewer();
  if (!viewer) return null;
  return (
    <nav aria-label="Account" className="flex items-center gap-3 text-sm">
      <Link href="/" className="font-medium">
        Requests
      </Link>
      {viewer.role === "admin" ? (
        <Link href="/admin" className="font-medium">
          Admin
        </Link>
      ) : null}
      <span className="ml-auto text-slate-600 dark:text-slate-300" data-testid="signed-in-as">
        {viewer.name}
        {viewer.role === "admin" ? " (admin)" : ""}
      </span>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-700">
          Sign out
        </button>
      </form>
    </nav>
  );
}
