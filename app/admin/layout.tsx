import { SessionWatch } from "@/components/chrome/session-watch";
import { SiteHeader } from "@/components/site-header";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <SessionWatch />
      {children}
    </>
  );
}
