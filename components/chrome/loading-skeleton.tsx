/** The shape of a list of poster cards while the page's data loads; announced once to screen readers. */
export function LoadingSkeleton() {
  return (
    <div data-testid="loading" aria-busy="true">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <div className="mb-4 h-8 w-56 animate-pulse rounded-md bg-raised" />
      <ul className="grid grid-cols-1 gap-3 min-[641px]:grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] min-[641px]:gap-4" aria-hidden="true">
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders that never reorder.
          <li key={i} className="flex gap-3 rounded-card border border-line bg-surface p-3 min-[641px]:flex-col min-[641px]:p-0">
            <div className="aspect-poster w-16 shrink-0 animate-pulse rounded-md bg-raised min-[641px]:w-full min-[641px]:rounded-none" />
            <div className="flex flex-1 flex-col gap-2 min-[641px]:p-3">
              <div className="h-4 w-3/4 animate-pulse rounded bg-raised" />
              <div className="h-3 w-1/2 animate-pulse rounded bg-raised" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
