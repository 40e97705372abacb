"use client";

import "./globals.css";

/**
 * When even the root layout failed: its own document in the default (dark) theme. Kept free of shared
 * components: Next ships this file with every page.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" data-theme="dark">
      <body className="min-h-dvh bg-canvas text-body text-ink antialiased">
        <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
          <h1 className="text-display font-semibold">Something went wrong</h1>
          <p className="mt-3 text-ink-muted">The portal could not be shown just now. Trying again usually helps.</p>
          <button type="button" onClick={reset} className="mt-6 rounded-md bg-accent px-4 py-2 font-medium text-on-accent">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
