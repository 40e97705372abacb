import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { getViewer } from "@/lib/auth/viewer";

const linkClass = "text-slate-800 hover:underline dark:text-slate-200";

/**
 * The one header of every signed-in page: where to go, who is signed in, sign-out. Admin links show for
 * admins only. `status` is the portal's live indicator (absent on admin pages, which do not stream).
 */
export async function SiteHeader({ status }: { status?: React.ReactNode }) {
  const viewer = await getViewer();
  return (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold">
          Status Tracker
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm">
          <Link href="/" className={linkClass}>
            Active
          </Link>
          <Link href="/history" className={linkClass}>
            History
          </Link>
          <Link href="/insights" className={linkClass}>
            Insights
          </Link>
          <Link href="/settings" className={linkClass}>
            Notifications
          </Link>
          {viewer?.role === "admin" ? (
            <>
              <Link href="/admin" className={linkClass}>
                Admin
              </Link>
              <Link href="/admin/health" className={linkClass}>
                Health
              </Link>
            </>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {status}
          {viewer ? (
            <>
              <span className="text-slate-700 dark:text-slate-300" data-testid="signed-in-as">
                {viewer.name}
                {viewer.role === "admin" ? " (admin)" : ""}
              </span>
              <form action={signOutAction}>
                <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-700">
                  Sign out
                </button>
              </form>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
