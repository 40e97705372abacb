/**
 * Tabs of one browser tell each other about a sign-out: the tab that signs out posts on this channel, the
 * others stop their live stream and show the sign-in page. Nothing secret travels: only the word.
 */
export const SESSION_CHANNEL = "status-tracker-session";
export const SIGNED_OUT = "signed-out";

export function announceSignOut(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage(SIGNED_OUT);
  channel.close();
}

/** Calls `onSignedOut` when another tab signs out; returns the unsubscribe. */
export function onSignOutElsewhere(onSignedOut: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === SIGNED_OUT) onSignedOut();
  };
  return () => channel.close();
}

/** The sign-in page, coming back to where this tab was. */
export function signInPageFor(location: Pick<Location, "pathname" | "search">): string {
  return `/login?${new URLSearchParams({ callbackUrl: `${location.pathname}${location.search}` }).toString()}`;
}
