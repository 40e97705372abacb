"use client";

import { ErrorMessage } from "@/components/chrome/error-message";

export default function AdminError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main">
      <ErrorMessage {...props} />
    </main>
  );
}
