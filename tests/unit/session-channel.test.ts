import { afterEach, describe, expect, it, vi } from "vitest";

/** Each import of a fresh module instance stands for one browser tab (the channel itself is Node's BroadcastChannel). */
async function tab() {
  vi.resetModules();
  return import("@/lib/portal/session-channel");
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe("sign-out between tabs", () => {
  it("reaches the other tabs but never the tab that signed out, which waits for its own sign-out to finish", async () => {
    const [signingOut, other] = [await tab(), await tab()];
    const heardHere = vi.fn();
    const heardThere = vi.fn();
    stops.push(signingOut.onSignOutElsewhere(heardHere), other.onSignOutElsewhere(heardThere));

    signingOut.announceSignOut();
    await settle();
    expect(heardThere).toHaveBeenCalledTimes(1);
    expect(heardHere).not.toHaveBeenCalled();
  });

  it("ignores anything else on the channel", async () => {
    const listening = await tab();
    const heard = vi.fn();
    stops.push(listening.onSignOutElsewhere(heard));
    const stranger = new BroadcastChannel(listening.SESSION_CHANNEL);
    stranger.postMessage("hello");
    stranger.postMessage({ type: "something-else", tab: "x" });
    stranger.postMessage(null);
    await settle();
    stranger.close();
    expect(heard).not.toHaveBeenCalled();
  });
});
