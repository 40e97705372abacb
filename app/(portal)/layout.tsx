import { SiteHeader } from "@/components/site-header";
import { LiveIndicator } from "@/components/portal/live-indicator";
import { LiveProvider } from "@/components/portal/live-provider";
import { FailingChannelsBanner } from "@/components/notify/failing-banner";
import { ServiceWorkerRegister } from "@/components/notify/sw-register";
import { getViewer } from "@/lib/auth/viewer";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <LiveProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-30 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <SiteHeader status={<LiveIndicator />} />
      <FailingChannelsBanner viewer={await getViewer()} />
      <ServiceWorkerRegister />
      <main id="main" className="mx-auto max-w-7xl px-4 py-5 sm:px-6">
        {children}
      </main>
    </LiveProvider>
  );
}
