"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi, errorText } from "./api";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(
    base64url
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(base64url.length / 4) * 4, "="),
  );
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Web Push on this device: permission, the browser's subscription, and the server told (or untold). */
export function PushToggle({ vapidPublicKey }: { vapidPublicKey: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<string>("Checking this device…");
  const [subscribed, setSubscribed] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) {
      setStatus("This browser cannot receive push notifications. On iPhone and iPad, add the tracker to the home screen first (iOS 16.4+).");
      return;
    }
    navigator.serviceWorker
      .register("/sw.js")
      .then((reg) => reg.pushManager.getSubscription())
      .then((sub) => {
        setSubscribed(Boolean(sub));
        setStatus(sub ? "Push notifications are on for this device." : "Push notifications are off for this device.");
      })
      .catch(() => setStatus("Push notifications are off for this device."));
  }, []);

  async function subscribe() {
    setBusy(true);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setStatus("Notifications are blocked for this site: allow them in the browser's site settings.");
        return;
      }
      const reg = await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) });
      const answer = await callApi("/api/notifications/push-subscriptions", "POST", sub.toJSON());
      if (!answer.ok) {
        setStatus(`The tracker did not take the subscription: ${errorText(answer.json)}`);
        return;
      }
      setSubscribed(true);
      setStatus("Push notifications are on for this device.");
      router.refresh();
    } catch (error) {
      setStatus(`This device could not subscribe: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function unsubscribe() {
    setBusy(true);
    try {
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.getSubscription();
      if (sub) {
        await callApi("/api/notifications/push-subscriptions", "DELETE", { endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      setSubscribed(false);
      setStatus("Push notifications are off for this device.");
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <p data-testid="push-status" className="text-sm text-slate-700 dark:text-slate-300">
        {status}
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={subscribed ? unsubscribe : subscribe}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-slate-700"
      >
        {subscribed ? "Turn off on this device" : "Turn on push notifications"}
      </button>
    </div>
  );
}
