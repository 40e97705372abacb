"use client";

import { useEffect } from "react";
import { onSignOutElsewhere, signInPageFor } from "@/lib/portal/session-channel";

/** On a page without a live stream: when another tab signs out, this one shows the sign-in page too. */
export function SessionWatch() {
  useEffect(() => onSignOutElsewhere(() => window.location.replace(signInPageFor(window.location))), []);
  return null;
}
