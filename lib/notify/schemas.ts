import { z } from "zod";
import { parseClock } from "./quiet";

/** The browser's standard PushSubscription.toJSON(). */
export const pushSubscriptionJson = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: z.string().min(80).max(200), auth: z.string().min(16).max(64) }),
});

export const pushUnsubscribe = z.object({ endpoint: z.url().max(2000) });

export const channelInput = z.object({ url: z.string().trim().min(6).max(2000), label: z.string().trim().max(80).optional() });

const clock = z
  .string()
  .trim()
  .refine((v) => v === "" || parseClock(v) !== null, "use HH:MM, e.g. 22:00")
  .transform((v) => (v === "" ? null : parseClock(v)));

export const quietInput = z
  .object({
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "not a known time zone"),
    quietStart: clock,
    quietEnd: clock,
  })
  .refine((q) => (q.quietStart === null) === (q.quietEnd === null), { path: ["quietEnd"], message: "set both ends of the quiet hours, or neither" });

export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
