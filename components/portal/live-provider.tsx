"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { stagePresentation } from "@/lib/domain/presentation";
import type { LiveUpdate } from "@/lib/live/types";
import { onSignOutElsewhere, signInPageFor } from "@/lib/portal/session-channel";
import { LiveStore, type LiveStatus } from "./live-store";

const LiveContext = createContext<LiveStore | null>(null);

export function LiveProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [announcement, setAnnouncement] = useState("");
  const lastStage = useRef(new Map<number, string>());
  const [store] = useState(
    () =>
      new LiveStore(
        "/api/events",
        () => router.refresh(),
        (u: LiveUpdate) => {
          const stage = u.request?.stage;
          if (!u.request || !stage || lastStage.current.get(u.request.id) === stage) return;
          lastStage.current.set(u.request.id, stage);
          setAnnouncement(`${u.request.title}: ${stagePresentation[stage].label}, ${stagePresentation[stage].description}.`);
        },
      ),
  );
  // Children subscribe in their own effects, which run first: by now the oldest seq on screen is known.
  useEffect(() => {
    store.start();
    // Signed out in another tab: this tab's stream ends at once and it shows the sign-in page.
    const unwatch = onSignOutElsewhere(() => {
      store.stop();
      window.location.replace(signInPageFor(window.location));
    });
    return () => {
      unwatch();
      store.stop();
    };
  }, [store]);
  return (
    <LiveContext value={store}>
      {children}
      <p aria-live="polite" role="status" className="sr-only" data-testid="live-announcer">
        {announcement}
      </p>
    </LiveContext>
  );
}

function useStore(): LiveStore {
  const store = useContext(LiveContext);
  if (!store) throw new Error("live updates need a LiveProvider above");
  return store;
}

/** Calls `onUpdate` for every live update after `sinceSeq` (the seq the server data was read at). */
export function useLiveUpdates(sinceSeq: number, onUpdate: (update: LiveUpdate) => void): void {
  const store = useStore();
  const handler = useRef(onUpdate);
  useEffect(() => {
    handler.current = onUpdate;
  });
  useEffect(() => store.subscribe(sinceSeq, (u) => handler.current(u)), [store, sinceSeq]);
}

export function useLiveStatus(): LiveStatus {
  const store = useStore();
  return useSyncExternalStore(store.subscribeStatus, store.getStatus, () => "connecting" as const);
}
