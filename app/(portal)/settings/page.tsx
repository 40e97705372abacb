import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listChannelsForViewer } from "@/db/queries/notify-channels";
import { upsertMember } from "@/db/queries/notify-members";
import { getViewer } from "@/lib/auth/viewer";
import { AddChannelForm } from "@/components/notify/add-channel-form";
import { ChannelRow, type ChannelView } from "@/components/notify/channel-row";
import { PushToggle } from "@/components/notify/push-toggle";
import { QuietHoursForm } from "@/components/notify/quiet-hours-form";
import { formatClock } from "@/lib/notify/quiet";
import { maskChannelUrl } from "@/lib/notify/url";
import { vapidKeys } from "@/lib/notify/vapid";

export const metadata: Metadata = { title: "Notifications" };

const schemes = [
  ["ntfy", "ntfy://ntfy.sh/my-topic"],
  ["Discord", "discord://webhook_id/webhook_token"],
  ["Telegram", "tgram://bot_token/chat_id"],
  ["Gotify", "gotifys://gotify.example.com/AppToken"],
  ["E-mail", "mailto://user:pass@smtp.example.com:587?to=me@example.com"],
  ["Webhook", "jsons://example.com/hooks/tracker"],
] as const;

/** Each member's own notification settings: this device's push, channels by URL, quiet hours. */
export default async function SettingsPage() {
  await connection();
  const viewer = await getViewer();
  if (!viewer) return null;
  const db = await getDb();
  const member = await upsertMember({ db, viewer });
  const [channels, vapid] = await Promise.all([listChannelsForViewer({ db, viewer }), vapidKeys(db)]);
  const view = (household: boolean) =>
    channels
      .filter((c) => (c.owner === null) === household && c.scheme !== "webpush")
      .map(
        (c): ChannelView => ({
          id: c.id,
          scheme: c.scheme,
          shown: maskChannelUrl(c.url),
          household,
          lastStatus: c.lastStatus,
          lastError: c.lastError,
          lastAt: c.lastAt?.toISOString() ?? null,
          failing: c.failingSince !== null,
        }),
      );
  const devices = channels.filter((c) => c.scheme === "webpush");
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <section aria-labelledby="push-heading" className="flex flex-col gap-2">
        <h2 id="push-heading" className="text-lg font-medium">
          Push to this device
        </h2>
        <PushToggle vapidPublicKey={vapid.publicKey} />
        <ul aria-label="Devices with push" className="divide-y divide-slate-100 dark:divide-slate-900">
          {devices.map((d) => (
            <ChannelRow
              key={d.id}
              channel={{
                id: d.id,
                scheme: "webpush",
                shown: `Device (${new URL(d.url).host})`,
                household: false,
                lastStatus: d.lastStatus,
                lastError: d.lastError,
                lastAt: d.lastAt?.toISOString() ?? null,
                failing: d.failingSince !== null,
              }}
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby="channels-heading" className="flex flex-col gap-3">
        <h2 id="channels-heading" className="text-lg font-medium">
          Your channels
        </h2>
        <ul aria-label="Your channels" className="divide-y divide-slate-100 dark:divide-slate-900">
          {view(false).map((c) => (
            <ChannelRow key={c.id} channel={c} />
          ))}
        </ul>
        <AddChannelForm />
        <details className="text-sm text-slate-600 dark:text-slate-400">
          <summary>URL formats</summary>
          <ul className="mt-1 font-mono">
            {schemes.map(([name, example]) => (
              <li key={name}>
                {name}: {example}
              </li>
            ))}
          </ul>
        </details>
      </section>
      {viewer.role === "admin" ? (
        <section aria-labelledby="household-heading" className="flex flex-col gap-2">
          <h2 id="household-heading" className="text-lg font-medium">
            Household channels
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            From NOTIFY_URLS: told what admins are told (stuck, failed, the daily digest, requests with no one to tell).
          </p>
          <ul aria-label="Household channels" className="divide-y divide-slate-100 dark:divide-slate-900">
            {view(true).map((c) => (
              <ChannelRow key={c.id} channel={c} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="quiet-heading" className="flex flex-col gap-2">
        <h2 id="quiet-heading" className="text-lg font-medium">
          Quiet hours
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Messages are held and sent as one summary when the quiet hours end.</p>
        <QuietHoursForm
          initial={{
            timeZone: member.timeZone,
            start: formatClock(member.quietStart),
            end: formatClock(member.quietEnd),
            fromServer: member.quietStart !== null,
          }}
        />
      </section>
    </div>
  );
}
