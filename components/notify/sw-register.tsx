"use client";

import { useEffect } from "react";

/** Registers the service worker on every portal page, so the installed app opens offline and can receive pushes. */
export function ServiceWorkerRegister() {
  useEffect(() => {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
  }, []);
  return null;
}
