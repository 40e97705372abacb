import { LocalTime } from "@/components/portal/local-time";
import { getDb } from "@/db/client";
import { listAttemptsOfMessages } from "@/db/queries/notify-channels";
import { listRecentMessages } from "@/db/queries/notify-messages";

const statusStyle: Record<string, string> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  collecting: "text-slate-500",
  held: "text-slate-500",
  retrying: "text-amber-700 dark:text-amber-400",
  failed: "text-red-700 dark:text-red-400",
  no_channel: "text-slate-500",
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
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="notifications">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th className="py-2 pr-3">Created</th>
                <th className="py-2 pr-3">To</th>
                <th className="py-2 pr-3">Message</th>
                <th className="py-2 pr-3">Status</th>
                <th className="py-2">Channels</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-900">
              {messages.map((m) => {
                const mine = attempts.filter((a) => a.messageId === m.id);
                return (
                  <tr key={m.id}>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <LocalTime iso={m.createdAt.toISOString()} />
                    </td>
                    <td className="py-2 pr-3">{m.recipient}</td>
                    <td className="py-2 pr-3">{m.title ?? (m.status === "collecting" ? "(batch still open)" : "—")}</td>
                    <td className={`py-2 pr-3 ${statusStyle[m.status] ?? ""}`}>
                      {m.status}
                      {m.attempts > 1 ? ` (${m.attempts} rounds)` : ""}
                    </td>
                    <td className="py-2 break-words">
                      {mine.length === 0
                        ? (m.error ?? "")
                        : [...new Map(mine.map((a) => [a.channelId, a])).values()]
                            .map((a) => `${a.scheme}: ${a.ok ? "delivered" : a.error}`)
                            .join(" · ")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
