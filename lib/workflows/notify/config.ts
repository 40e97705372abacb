import "server-only";
import type { AliasMap } from "@/lib/auth/aliases";
import { env, type Env } from "@/lib/env";

/** Everything the notification services read from configuration; tests build their own. */
export type NotifyConfig = {
  aliases: AliasMap;
  batchMs: number;
  baseUrl: string | null;
  householdUrls: string[];
  digestHour: number;
};

export function notifyConfigFromEnv(e: Env = env()): NotifyConfig {
  return {
    aliases: e.USER_ALIASES,
    batchMs: e.NOTIFY_BATCH_SECONDS * 1000,
    baseUrl: e.PUBLIC_URL ?? e.AUTH_URL ?? null,
    householdUrls: e.NOTIFY_URLS,
    digestHour: e.NOTIFY_DIGEST_HOUR,
  };
}
