import type { Metadata } from "next";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { TokensAdmin } from "@/components/actions/tokens-admin";
import { presentToken } from "@/lib/api/token-schemas";
import { getViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await connection();
  const viewer = await getViewer();
  if (viewer?.role !== "admin") return <main className="mx-auto max-w-3xl p-4">Admins only.</main>;
  const tokens = (await listApiTokens({ db: await getDb() })).map(presentToken);
  return (
    <main className="mx-auto max-w-5xl p-4">
      <h1 className="mb-1 text-2xl font-semibold">API tokens</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
        For scripts and dashboards: <code>Authorization: Bearer &lt;token&gt;</code>. Read-only tokens read the API; read-and-act tokens may also run
        the per-request actions. The API is described at{" "}
        <a href="/api/docs" className="underline">
          /api/docs
        </a>
        .
      </p>
      <TokensAdmin tokens={tokens} />
    </main>
  );
}
