"use client";

import { useEffect } from "react";
import { PageMessage } from "./page-message";

/** What an error page shows: no stack, no detail (those are in the server log, under the digest). */
export function ErrorMessage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <PageMessage
      code="Error"
      title="Something went wrong"
      action={
        <button type="button" onClick={reset} className="rounded-md border border-line-strong px-4 py-2 font-medium text-ink hover:bg-raised">
          Try again
        </button>
      }
    >
      <p>This page could not be shown just now. Trying again usually helps; if it keeps happening, tell the admin.</p>
      {error.digest ? <p className="mt-2 text-caption">Reference: {error.digest}</p> : null}
    </PageMessage>
  );
}
