import type { Metadata } from "next";
import { PageMessage } from "@/components/chrome/page-message";
import { SiteHeader } from "@/components/site-header";

export const metadata: Metadata = { title: "Page not found" };

/** Any address the portal does not have: the header stays, so the way back is where it always is. */
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main">
        <PageMessage code="404" title="This page does not exist">
          <p>The link may be mistyped, or the page has moved.</p>
        </PageMessage>
      </main>
    </>
  );
}
