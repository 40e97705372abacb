"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { LocalTime } from "@/components/portal/local-time";
import { buttonClass, callJson, dangerClass } from "./post-json";

type Token = {
  id: number;
  name: string;
  scope: "read" | "act";
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Named API tokens: create (the secret is shown once), see when each was last used, revoke. */
export function TokensAdmin({ tokens }: { tokens: Token[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "act">("read");
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    const result = await callJson("/api/admin/tokens", { body: { name, scope } });
    if (!result.ok) return setError(result.message);
    setError(null);
    setSecret(typeof result.body.secret === "string" ? result.body.secret : null);
    setName("");
    router.refresh();
  }

  return (
    <div>
      <form
        className="mb-4 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="flex flex-col text-sm">
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={80}
            className="rounded border border-slate-300 bg-transparent p-1 dark:border-slate-700"
          />
        </label>
        <label className="flex flex-col text-sm">
          Access
          <select
            value={scope}
            onChange={(e) => setScope(e.target.value === "act" ? "act" : "read")}
            className="rounded border border-slate-300 bg-transparent p-1 dark:border-slate-700"
          >
            <option value="read">read-only</option>
            <option value="act">read and act</option>
          </select>
        </label>
        <button type="submit" className={buttonClass}>
          Create token
        </button>
      </form>
      {secret ? (
        <p role="status" className="mb-4 rounded border border-emerald-400 p-3 text-sm">
          Copy it now, it will not be shown again:{" "}
          <code className="break-all" data-testid="new-token">
            {secret}
          </code>
        </p>
      ) : null}
      {error ? <p className="mb-4 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      {/* A stacked list rather than a wide table: a phone never scrolls sideways. */}
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="tokens">
        {tokens.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
            <div className={t.revokedAt ? "text-slate-600 line-through dark:text-slate-400" : ""}>
              <p>
                <span className="font-medium">{t.name}</span> · {t.scope === "act" ? "read and act" : "read-only"} · starts with{" "}
                <code>{t.prefix}…</code>
              </p>
              <p className="text-slate-600 dark:text-slate-300">
                Created <LocalTime iso={t.createdAt} /> by {t.createdBy} · last used{" "}
                {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} mode="relative" /> : "never"}
              </p>
            </div>
            {t.revokedAt ? (
              <span>Revoked</span>
            ) : (
              <button
                type="button"
                className={dangerClass}
                onClick={async () => {
                  if (!window.confirm(`Revoke "${t.name}"? Scripts using it stop working at once.`)) return;
                  await callJson(`/api/admin/tokens/${t.id}/revoke`);
                  router.refresh();
                }}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
