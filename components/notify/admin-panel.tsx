import { LocalTime } from "@/components/portal/local-time";
import { getDb } from "@/db/client";
import { listAttemptsOfMessages } from "@/db/queries/notify-channels";
import { listRecentMessages } from "@/db/queries/notify-messages";
import type { MessageStatus } from "@/db/schema";

const messageStatusWords: Record<MessageStatus, string> = {
  collecting: "Collecting",
  held: "Held (quiet hours)",
  retrying: "Retrying",
  delivered: "Delivered",
  failed: "Failed",
  no_channel: "No channel to send to",
  merged: "Merged into another",
};

const statusStyle: Record<string, string> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  collecting: "text-slate-600 dark:text-slate-400",
  held: "text-slate-600 dark:text-slate-400",
  retrying: "text-amber-700 dark:text-amber-400",
  failed: "text-red-700 dark:text-red-400",
  no_channel: "text-slate-600 dark:text-slate-400",
};

/** The admin page's "Notifications" panel: recent messages, who they were for, status and the last error. */
export async function NotificationsPanel() {
  const db = await getDb();
  const messages = await listRecentMessages({ db, limit: 50 });
  const attempts = await listAttemptsOfMessages({ db, messageIds: messages.map((m) => m.id) });
  return (
    <section aria-labelledby="notifications-heading" className="mt-8">
      <h2 id="notifications-heading" className="mb-3 text-lg font-medium">
        Notifications
      </h2>
      {messages.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">No messages yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="notifications">
          {messages.map((m) => {
            const mine = attempts.filter((a) => a.messageId === m.id);
            const channels =
              mine.length === 0
                ? (m.error ?? "")
                : [...new Map(mine.map((a) => [a.channelId, a])).values()].map((a) => `${a.scheme}: ${a.ok ? "delivered" : a.error}`).join(" · ");
            return (
              <li key={m.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-0.5 py-2 sm:grid-cols-[11rem_8rem_minmax(0,1fr)_10rem]">
                <span className="text-slate-600 sm:text-inherit dark:text-slate-300">
                  <LocalTime iso={m.createdAt.toISOString()} />
                </span>
                <span className="text-right sm:text-left">to {m.recipient}</span>
                <span className="break-words">{m.title ?? (m.status === "collecting" ? "(batch still open)" : "—")}</span>
                <span className={`text-right sm:text-left ${statusStyle[m.status] ?? ""}`}>
                  {messageStatusWords[m.status]}
                  {m.attempts > 1 ? ` (${m.attempts} rounds)` : ""}
                </span>
                {channels ? <span className="col-span-2 break-words text-slate-600 sm:col-span-4 dark:text-slate-300">{channels}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
