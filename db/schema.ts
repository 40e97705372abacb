import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { ItemStage, Stage } from "@/lib/domain/stages";
import type { AttentionKind } from "@/lib/domain/attention";
import type { MediaType, Source } from "@/lib/domain/events";
import type { DeletionService, DeletionTarget } from "@/lib/domain/deletion";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const requests = pgTable(
  "requests",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    source: text("source").$type<Source>().notNull(),
    mediaType: text("media_type").$type<MediaType>().notNull(),
    jellyseerrRequestId: integer("jellyseerr_request_id"),
    tmdbId: integer("tmdb_id"),
    tvdbId: integer("tvdb_id"),
    imdbId: text("imdb_id"),
    arrId: integer("arr_id"),
    title: text("title").notNull(),
    /** Title without case, punctuation or spacing: how a Jellyfin series name finds its request. */
    titleKey: text("title_key").notNull(),
    year: integer("year"),
    posterUrl: text("poster_url"),
    isAnime: boolean("is_anime").notNull().default(false),
    is4k: boolean("is_4k").notNull().default(false),
    requestedBy: text("requested_by"),
    requestedByEmail: text("requested_by_email"),
    requestedSeasons: integer("requested_seasons").array().notNull().default(sql`'{}'::integer[]`),
    /** Movies: the stage. TV: the request-level stage before and beside its episodes. */
    ownStage: text("own_stage").$type<ItemStage>().notNull(),
    /** The stage shown: ownStage for movies, the episode aggregate for tv. */
    stage: text("stage").$type<Stage>().notNull(),
    episodeCounts: jsonb("episode_counts").$type<Partial<Record<Stage, number>>>(),
    /** When each stage was first reached (ISO strings), for the detail stepper. */
    stageTimes: jsonb("stage_times").$type<Partial<Record<Stage, string>>>().notNull().default({}),
    attentionKind: text("attention_kind").$type<AttentionKind>(),
    attentionReason: text("attention_reason"),
    attentionSince: timestamp("attention_since", { withTimezone: true }),
    attentionStage: text("attention_stage").$type<Stage>(),
    /** The attention's reason is the upstream's own words, which a generic diagnosis does not replace. */
    attentionSpecific: boolean("attention_specific").notNull().default(false),
    /** When Sonarr's episode list of the requested seasons was last read (tv); null = never, so never complete. */
    episodesListedAt: timestamp("episodes_listed_at", { withTimezone: true }),
    /** Who or what removed it upstream, and when (a delete in Sonarr/Radarr, Jellyfin dropping it). */
    removedBy: text("removed_by"),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    quality: text("quality"),
    indexer: text("indexer"),
    jellyfinItemId: text("jellyfin_item_id"),
    availableAt: timestamp("available_at", { withTimezone: true }),
    /** Set when an admin dismissed it or marked it done: it leaves Active with this reason (History keeps it). */
    closedKind: text("closed_kind").$type<"dismissed" | "done">(),
    closedReason: text("closed_reason"),
    closedBy: text("closed_by"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("requests_jellyseerr_request_id_key").on(t.jellyseerrRequestId),
    index("requests_tmdb_idx").on(t.mediaType, t.tmdbId),
    index("requests_tvdb_idx").on(t.mediaType, t.tvdbId),
    index("requests_imdb_idx").on(t.mediaType, t.imdbId),
    index("requests_updated_idx").on(t.updatedAt.desc(), t.id.desc()),
    index("requests_stage_idx").on(t.stage),
    // A hash index: any title length fits (a btree row over ~2.7 kB is refused).
    index("requests_title_key_idx").using("hash", t.titleKey),
    index("requests_jellyfin_item_idx").on(t.jellyfinItemId),
  ],
);

export const episodes = pgTable(
  "episodes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id, { onDelete: "cascade" }),
    seasonNumber: integer("season_number").notNull(),
    episodeNumber: integer("episode_number").notNull(),
    title: text("title"),
    airDate: text("air_date"),
    tvdbId: integer("tvdb_id"),
    arrEpisodeId: integer("arr_episode_id"),
    stage: text("stage").$type<ItemStage>().notNull(),
    downloadHash: text("download_hash"),
    jellyfinItemId: text("jellyfin_item_id"),
    stageTimes: jsonb("stage_times").$type<Partial<Record<Stage, string>>>().notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("episodes_request_season_episode_key").on(t.requestId, t.seasonNumber, t.episodeNumber),
    index("episodes_tvdb_idx").on(t.tvdbId),
    index("episodes_download_idx").on(t.downloadHash),
  ],
);

export const downloadStatuses = ["queued", "downloading", "completed", "imported", "failed"] as const;
export type DownloadStatus = (typeof downloadStatuses)[number];

export const downloads = pgTable(
  "downloads",
  {
    /** Lower-case info-hash (or a usenet client's job id, lower-cased). */
    hash: text("hash").primaryKey(),
    requestId: integer("request_id").references(() => requests.id, { onDelete: "set null" }),
    source: text("source").$type<Source>().notNull(),
    name: text("name"),
    size: bigint("size", { mode: "number" }),
    progress: doublePrecision("progress").notNull().default(0),
    downloadSpeed: bigint("download_speed", { mode: "number" }),
    etaSeconds: integer("eta_seconds"),
    clientState: text("client_state"),
    status: text("status").$type<DownloadStatus>().notNull(),
    quality: text("quality"),
    indexer: text("indexer"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    importedAt: timestamp("imported_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("downloads_request_idx").on(t.requestId)],
);

export const timelineEvents = pgTable(
  "timeline_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer("request_id").references(() => requests.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    source: text("source").$type<Source>().notNull(),
    event: text("event").notNull(),
    /** The request's stage after this event. */
    stage: text("stage").$type<Stage>(),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    /** The writing transaction's start (now()), which its episode and download writes share as updated_at. */
    txAt: timestamp("tx_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("timeline_request_idx").on(t.requestId, t.seq)],
);

/** pending: recorded, not applied yet (retried with back-off); failed: every attempt failed, an admin can retry. */
export const deliveryStatuses = ["applied", "ignored", "rejected", "pending", "failed", "duplicate"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    source: text("source").$type<Source>().notNull(),
    eventType: text("event_type"),
    dedupeKey: text("dedupe_key").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    status: text("status").$type<DeliveryStatus>().notNull(),
    contentType: text("content_type"),
    /** The body with personal data and secrets replaced; kept for diagnosis and replay. */
    body: text("body").notNull(),
    error: text("error"),
    requestIds: integer("request_ids").array().notNull().default(sql`'{}'::integer[]`),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** The raw bytes, kept only while the delivery still has to be applied (pending or failed). */
    payload: bytea("payload"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_dedupe_key").on(t.source, t.dedupeKey),
    index("webhook_deliveries_received_idx").on(t.receivedAt),
    index("webhook_deliveries_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_pending_idx").on(t.availableAt).where(sql`${t.sentAt} is null`)],
);

export const sourceStatus = pgTable("source_status", {
  source: text("source").$type<Source>().primaryKey(),
  connectedAt: timestamp("connected_at", { withTimezone: true }),
  lastDeliveryAt: timestamp("last_delivery_at", { withTimezone: true }),
  lastEventType: text("last_event_type"),
});

/** One row, rewritten to flush earlier commits where the server refuses a WAL message (db/commit.ts). */
export const walFlush = pgTable("wal_flush", {
  id: smallint("id").primaryKey().default(1),
  at: timestamp("at", { withTimezone: true }).notNull(),
});

/** How long an item may sit in a stage before the fallback sweep checks it at its source; rows override the defaults. */
export const stageThresholds = pgTable("stage_thresholds", {
  stage: text("stage").$type<ItemStage>().primaryKey(),
  afterMinutes: integer("after_minutes").notNull(),
  updatedAt: updatedAt(),
});

// ── Notifications: members' channels, follows, batched messages and every delivery attempt ──

/** A signed-in person as notifications know them: their name (lower-case key), role as last seen, quiet hours. */
export const notifyMembers = pgTable("notify_members", {
  nameKey: text("name_key").primaryKey(),
  displayName: text("display_name").notNull(),
  role: text("role").$type<"admin" | "member">().notNull().default("member"),
  timeZone: text("time_zone").notNull().default("UTC"),
  /** Minutes after local midnight; both null = no quiet hours. */
  quietStart: integer("quiet_start"),
  quietEnd: integer("quiet_end"),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PushKeys = { p256dh: string; auth: string };

/** Where a member (owner) or the household (owner null, from NOTIFY_URLS) is told things. */
export const notifyChannels = pgTable(
  "notify_channels",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    owner: text("owner"),
    scheme: text("scheme").notNull(),
    /** The Apprise-style URL, or a push subscription's endpoint. */
    url: text("url").notNull(),
    pushKeys: jsonb("push_keys").$type<PushKeys>(),
    label: text("label"),
    createdAt: createdAt(),
    lastStatus: text("last_status").$type<"delivered" | "failed">(),
    lastError: text("last_error"),
    lastAt: timestamp("last_at", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: timestamp("failing_since", { withTimezone: true }),
  },
  (t) => [unique("notify_channels_owner_url_key").on(t.owner, t.url).nullsNotDistinct()],
);

export const notifyFollows = pgTable(
  "notify_follows",
  {
    member: text("member").notNull(),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.member, t.requestId], name: "notify_follows_pkey" })],
);

export const messageStatuses = ["collecting", "held", "retrying", "delivered", "failed", "no_channel", "merged"] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** One message to one recipient: the items of a batch window (or of quiet hours) rendered once when due. */
export const notifyMessages = pgTable(
  "notify_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    recipient: text("recipient").notNull(),
    batchKey: text("batch_key").notNull(),
    status: text("status").$type<MessageStatus>().notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    title: text("title"),
    body: text("body"),
    link: text("link"),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("notify_messages_due_idx").on(t.dueAt).where(sql`${t.status} in ('collecting', 'held', 'retrying')`),
    index("notify_messages_open_idx").on(t.recipient, t.batchKey).where(sql`${t.status} in ('collecting', 'held')`),
  ],
);

/** One thing worth saying to one recipient; the idempotency key (fact + recipient) makes it happen once. */
export const notifyItems = pgTable(
  "notify_items",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text("idempotency_key").notNull(),
    recipient: text("recipient").notNull(),
    requestId: integer("request_id").references(() => requests.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => notifyMessages.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notify_items_idempotency_key").on(t.idempotencyKey), index("notify_items_message_idx").on(t.messageId)],
);

/** Every send to a channel, for a message (message_id) or a "Send test" (null). */
export const notifyAttempts = pgTable(
  "notify_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint("message_id", { mode: "number" }).references(() => notifyMessages.id, { onDelete: "cascade" }),
    channelId: integer("channel_id")
      .notNull()
      .references(() => notifyChannels.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    ok: boolean("ok").notNull(),
    error: text("error"),
  },
  (t) => [index("notify_attempts_message_idx").on(t.messageId, t.channelId)],
);

/** Small durable values: the timeline cursor, generated VAPID keys, the last digest day. */
export const notifyState = pgTable("notify_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});

export type NotifyChannelRow = typeof notifyChannels.$inferSelect;
export type NotifyMessageRow = typeof notifyMessages.$inferSelect;
export type NotifyItemRow = typeof notifyItems.$inferSelect;
export type NotifyMemberRow = typeof notifyMembers.$inferSelect;

// ── Status: the embedded verify chain's pending checks (rows, so a restart resumes them) ──

/**
 * One due availability check of the in-process runner: the same chain as the Inngest verify function (wait
 * for ItemAdded, look up, rescan, re-check with back-off), one row per request, `attempt` = checks done.
 */
export const pendingChecks = pgTable(
  "pending_checks",
  {
    requestId: integer("request_id")
      .primaryKey()
      .references(() => requests.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    attempt: integer("attempt").notNull().default(0),
    /** What each check found, for the reason raised at the end. */
    checked: jsonb("checked").$type<string[]>().notNull().default([]),
    /** Lease: a runner that claimed the row owns it until then (compare-and-set, no transaction held). */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("pending_checks_due_idx").on(t.dueAt)],
);

export type PendingCheckRow = typeof pendingChecks.$inferSelect;

// ── Actions: reports, API tokens, the delete-everywhere log, library sync ──────────────────────────────

/** A member's "Report a problem" note to the admins, shown on the request and on the admin page. */
export const requestReports = pgTable(
  "request_reports",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id, { onDelete: "cascade" }),
    author: text("author").notNull(),
    message: text("message").notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: text("resolved_by"),
  },
  (t) => [
    index("request_reports_open_idx").on(t.createdAt).where(sql`${t.resolvedAt} is null`),
    index("request_reports_request_idx").on(t.requestId),
  ],
);

export const tokenScopes = ["read", "act"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Named API tokens; only a SHA-256 of the secret is kept, the secret is shown once. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    scope: text("scope").$type<TokenScope>().notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The first characters of the secret, so a person can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash)],
);

export const deletionStatuses = ["running", "done", "failed"] as const;
export type DeletionStatus = (typeof deletionStatuses)[number];
export const deletionStepStatuses = ["pending", "retrying", "done", "failed"] as const;
export type DeletionStepStatus = (typeof deletionStepStatuses)[number];

/** One "Delete everywhere": who asked, for what; its steps say what each service answered. */
export const deletions = pgTable(
  "deletions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** No foreign key: the log outlives the request it removed. */
    requestId: integer("request_id"),
    title: text("title").notNull(),
    mediaType: text("media_type").$type<MediaType>().notNull(),
    requestedBy: text("requested_by").notNull(),
    status: text("status").$type<DeletionStatus>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("deletions_created_idx").on(t.createdAt.desc(), t.id.desc())],
);

export const deletionSteps = pgTable(
  "deletion_steps",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    deletionId: integer("deletion_id")
      .notNull()
      .references(() => deletions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    service: text("service").$type<DeletionService>().notNull(),
    /** What exactly this step removes (ids, hashes, options), fixed when the admin confirmed. */
    target: jsonb("target").$type<DeletionTarget>().notNull(),
    description: text("description").notNull(),
    status: text("status").$type<DeletionStepStatus>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    result: text("result"),
    error: text("error"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("deletion_steps_deletion_service_key").on(t.deletionId, t.service),
    index("deletion_steps_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'retrying')`),
  ],
);

/** "Sync library" runs: progress n of N while running, counts when done. */
export const librarySyncs = pgTable("library_syncs", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  startedBy: text("started_by").notNull(),
  status: text("status").$type<"running" | "done" | "failed">().notNull(),
  phase: text("phase"),
  /** The next page to import; a restart resumes here. Null when finished. */
  cursor: jsonb("cursor").$type<{ phase: string; startIndex: number }>(),
  done: integer("done").notNull().default(0),
  total: integer("total").notNull().default(0),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  error: text("error"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

export type RequestRow = typeof requests.$inferSelect;
export type EpisodeRow = typeof episodes.$inferSelect;
export type DownloadRow = typeof downloads.$inferSelect;
export type TimelineRow = typeof timelineEvents.$inferSelect;

// ── Durable intake: signals that arrived before what they refer to ──────────────────────────────────────

export const parkedStatuses = ["parked", "applied", "expired"] as const;
export type ParkedStatus = (typeof parkedStatuses)[number];

export const parkedSignals = pgTable(
  "parked_signals",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: bigint("delivery_id", { mode: "number" }).references(() => webhookDeliveries.id, { onDelete: "set null" }),
    source: text("source").$type<Source>().notNull(),
    /** The domain event, applied as it is once a request, download or episode it refers to appears. */
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    /** Identity keys (see lib/domain/park.ts): a change to a request with one of them re-tries the signal. */
    keys: text("keys").array().notNull(),
    summary: text("summary").notNull(),
    status: text("status").$type<ParkedStatus>().notNull().default("parked"),
    parkedAt: timestamp("parked_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    index("parked_signals_keys_idx").using("gin", t.keys).where(sql`${t.status} = 'parked'`),
    index("parked_signals_expires_idx").on(t.expiresAt).where(sql`${t.status} = 'parked'`),
  ],
);

// ── Security: sessions and sign-in throttling ──────────────────────────────────────────────────────────

/**
 * One row per signed-in browser. The session cookie carries only the id; a missing row (signed out,
 * idle too long) ends the session on the next request, whatever the cookie says.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    /** `jellyfin:<user id>` or `local:<name>`: who signed in, as the sign-in source knows them. */
    userKey: text("user_key").notNull(),
    name: text("name").notNull(),
    /** The sign-in source's administrator flag (Jellyfin's policy), re-read at most every minute. */
    idpAdmin: boolean("idp_admin").notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    roleCheckedAt: timestamp("role_checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_sessions_user_key_idx").on(t.userKey), index("auth_sessions_last_seen_idx").on(t.lastSeenAt)],
);

/**
 * Failed sign-ins per (address, lower-case name) and, under the name "", per address. Shared by every
 * instance through the database; rows older than the window are forgotten.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    address: text("address").notNull(),
    username: text("username").notNull(),
    failures: integer("failures").notNull(),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.username] }), index("sign_in_failures_last_idx").on(t.lastFailureAt)],
);

export type AuthSessionRow = typeof authSessions.$inferSelect;
export type SignInFailureRow = typeof signInFailures.$inferSelect;

// ── Member preferences: how each signed-in person wants the portal to look ──

/** One row per member who changed a preference (lower-case name key, as notify_members); none = the defaults. */
export const memberPreferences = pgTable("member_preferences", {
  nameKey: text("name_key").primaryKey(),
  theme: text("theme").$type<"dark" | "light">().notNull(),
  updatedAt: updatedAt(),
});
