/** The calm full-width message of the 404 and error pages: what happened, and a way on. */
export function PageMessage({ code, title, children, action }: { code: string; title: string; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section className="mx-auto flex max-w-xl flex-col items-center px-4 py-16 text-center" data-testid="page-message">
      <p className="text-caption font-semibold tracking-widest text-accent-ink uppercase">{code}</p>
      <h1 className="mt-2 text-display font-semibold tracking-tight">{title}</h1>
      <div className="mt-3 text-body text-ink-muted">{children}</div>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {action}
        <a href="/" className="rounded-md bg-accent px-4 py-2 font-medium text-on-accent hover:opacity-90">
          Back to active requests
        </a>
      </div>
    </section>
  );
}
