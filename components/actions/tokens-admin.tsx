"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
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
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th className="py-1 pr-3">Name</th>
            <th className="py-1 pr-3">Access</th>
            <th className="py-1 pr-3">Starts with</th>
            <th className="py-1 pr-3">Created</th>
            <th className="py-1 pr-3">Last used</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id} className={t.revokedAt ? "text-slate-500 line-through" : ""}>
              <td className="py-1 pr-3">{t.name}</td>
              <td className="py-1 pr-3">{t.scope === "act" ? "read and act" : "read-only"}</td>
              <td className="py-1 pr-3">
                <code>{t.prefix}…</code>
              </td>
              <td className="py-1 pr-3">
                {t.createdAt.slice(0, 10)} by {t.createdBy}
              </td>
              <td className="py-1 pr-3">{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
              <td className="py-1">
                {t.revokedAt ? (
                  "revoked"
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
