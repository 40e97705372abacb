import Link from "next/link";
import { LiveIndicator } from "@/components/portal/live-indicator";
import { LiveProvider } from "@/components/portal/live-provider";

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <LiveProvider>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header className="border-b border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold">
            Status Tracker
          </Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link href="/" className="text-slate-800 hover:underline dark:text-slate-200">
              Active
            </Link>
            <Link href="/history" className="text-slate-800 hover:underline dark:text-slate-200">
              History
            </Link>
          </nav>
          <div className="ml-auto">
            <LiveIndicator />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-4">
        {children}
      </main>
    </LiveProvider>
  );
}
