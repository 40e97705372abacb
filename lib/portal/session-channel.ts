/**
 * Tabs of one browser tell each other about a sign-out: the tab that signs out posts on this channel, the
 * others stop their live stream and show the sign-in page. Nothing secret travels: only the word.
 */
export const SESSION_CHANNEL = "status-tracker-session";
export const SIGNED_OUT = "signed-out";

/**
 * This tab. Every channel object of the tab hears what another of its objects posts, so without it the tab that
 * signs out would leave for the sign-in page itself before its sign-out reached the server, and stay signed in.
 * Not a secret, only a name (crypto.randomUUID needs https, which a LAN install often lacks).
 */
const THIS_TAB = Math.random().toString(36).slice(2);

type SignedOut = { type: typeof SIGNED_OUT; tab: string };

export function announceSignOut(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage({ type: SIGNED_OUT, tab: THIS_TAB } satisfies SignedOut);
  channel.close();
}

/** Calls `onSignedOut` when another tab signs out (never for this tab's own sign-out); returns the unsubscribe. */
export function onSignOutElsewhere(onSignedOut: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const message = event.data as Partial<SignedOut> | null;
    if (message?.type === SIGNED_OUT && message.tab !== THIS_TAB) onSignedOut();
  };
  return () => channel.close();
}

/** The sign-in page, coming back to where this tab was. */
export function signInPageFor(location: Pick<Location, "pathname" | "search">): string {
  return `/login?${new URLSearchParams({ callbackUrl: `${location.pathname}${location.search}` }).toString()}`;
}
