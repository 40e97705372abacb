/** Next.js start-up hook: background workers start with the server (never during `next build`). */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is a constant Next inlines per bundle (not configuration): it keeps the Node-only workers,
  // and the database drivers they import, out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before anything else: sign-in throttling needs the socket's address, which clients cannot forge.
  const { stampPeerAddresses } = await import("@/lib/http/peer-address");
  stampPeerAddresses();
  const { quietClientHangUps } = await import("@/lib/http/hang-ups");
  quietClientHangUps();
  // Live streams and webhooks are answered ahead of Next: it would hold its request state for as long as each
  // stream stays open, and its per-request work is half of a webhook's CPU (lib/http/at-server.ts).
  const { serveLiveStreamsAtServer } = await import("@/lib/live/node-stream");
  serveLiveStreamsAtServer();
  const { serveWebhooksAtServer } = await import("@/lib/ingest/node-webhooks");
  serveWebhooksAtServer();
  const { startWorkflows } = await import("@/lib/workflows/boot");
  await startWorkflows();
}
