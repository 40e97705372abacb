import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { currentTheme } from "@/lib/theme/current";
import { SignOutButton } from "./chrome/sign-out-button";
import { ThemeToggle } from "./chrome/theme-toggle";

type NavLink = { href: string; label: string; adminOnly?: boolean };

/** The header's links, in order. A new page adds one line here. */
const navLinks: NavLink[] = [
  { href: "/", label: "Active" },
  { href: "/history", label: "History" },
  { href: "/insights", label: "Insights" },
  { href: "/settings", label: "Notifications" },
  { href: "/admin", label: "Admin", adminOnly: true },
  { href: "/admin/health", label: "Health", adminOnly: true },
];

const visibleLinks = (viewer: Viewer | null) => navLinks.filter((l) => !l.adminOnly || viewer?.role === "admin");

/**
 * The one header of every signed-in page: where to go, who is signed in, the theme, sign-out. Admin links show
 * for admins only. `status` is the portal's live indicator (absent on pages that do not stream).
 * Links are plain anchors (see docs/design.md, "Budgets"): each page is one server render, nothing is prefetched.
 */
export async function SiteHeader({ status }: { status?: React.ReactNode }) {
  const viewer = await getViewer();
  const { theme, fromCookie } = await currentTheme();
  return (
    <header className="sticky top-0 z-20 border-b border-line bg-canvas/90 backdrop-blur supports-[backdrop-filter]:bg-canvas/75">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5 sm:px-6">
        {/* On a phone the mark stands alone (its name stays for screen readers), so the header is two rows: the
            mark with who is signed in, then the links. */}
        <a href="/" className="flex items-center gap-2 text-title font-semibold tracking-tight text-ink" data-testid="brand">
          <img src="/icon.svg" alt="" width={24} height={24} className="size-6" />
          <span className="sr-only sm:not-sr-only">Status Tracker</span>
        </a>
        <nav aria-label="Main" className="order-last w-full overflow-x-auto sm:order-none sm:w-auto">
          <ul className="flex gap-1 text-body">
            {visibleLinks(viewer).map((link) => (
              <li key={link.href}>
                <a href={link.href} className="block rounded-md px-2.5 py-1.5 whitespace-nowrap text-ink-muted hover:bg-raised hover:text-ink">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-caption">
          {status}
          <ThemeToggle initial={theme} fromCookie={fromCookie} />
          {viewer ? (
            <>
              <span className="max-w-28 truncate text-ink-muted sm:max-w-32" data-testid="signed-in-as">
                {viewer.name}
                {viewer.role === "admin" ? " (admin)" : ""}
              </span>
              <SignOutButton />
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
