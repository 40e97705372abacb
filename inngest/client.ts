import { Inngest } from "inngest";
import { env, inngestDevMode } from "@/lib/env";

const e = env();

/** The one Inngest client. Configuration comes from lib/env (INNGEST_DEV=1 for a local dev server). */
export const inngest = new Inngest({
  id: "status-tracker",
  isDev: inngestDevMode(e),
  baseUrl: e.INNGEST_BASE_URL,
  eventKey: e.INNGEST_EVENT_KEY,
  signingKey: e.INNGEST_SIGNING_KEY,
});
