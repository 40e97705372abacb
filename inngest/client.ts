import { Inngest } from "inngest";
import { env } from "@/lib/env";

const e = env();

/** The one Inngest client. Configuration comes from lib/env (INNGEST_DEV=1 for a local dev server). */
export const inngest = new Inngest({
  id: "status-tracker",
  isDev: e.INNGEST_DEV === "1" || e.INNGEST_DEV === "true",
  baseUrl: e.INNGEST_BASE_URL,
  eventKey: e.INNGEST_EVENT_KEY,
  signingKey: e.INNGEST_SIGNING_KEY,
});
