import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listFailingChannelsForViewer } from "@/db/queries/notify-channels";
import type { Viewer } from "@/lib/auth/session";

/** Tells a channel's owner (and admins, for household channels) in the app that it keeps failing. */
export async function FailingChannelsBanner({ viewer }: { viewer: Viewer | null }) {
  if (!viewer) return null;
  await connection();
  const failing = await listFailingChannelsForViewer({ db: await getDb(), viewer });
  if (failing.length === 0) return null;
  return (
    <div
      role="alert"
      className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      {failing.length === 1 ? "A notification channel keeps failing" : `${failing.length} notification channels keep failing`}:{" "}
      {failing[0]?.lastError ?? ""}{" "}
      <a href="/settings" className="underline">
        Check your notification settings
      </a>
    </div>
  );
}
