"use client";

import { ErrorMessage } from "@/components/chrome/error-message";
import "./globals.css";

/** When even the root layout failed: its own document, in the default (dark) theme. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" data-theme="dark">
      <body className="min-h-dvh bg-canvas text-body text-ink antialiased">
        <main id="main">
          <ErrorMessage {...props} />
        </main>
      </body>
    </html>
  );
}
