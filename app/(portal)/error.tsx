"use client";

import { ErrorMessage } from "@/components/chrome/error-message";

/** Inside the portal layout: the header and live indicator stay while the page itself failed. */
export default function PortalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage {...props} />;
}
