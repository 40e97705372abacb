type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
type Doc = { info: { title: string; version: string; description?: string }; paths?: Record<string, unknown>; components?: { schemas?: unknown } };
type Parameter = { name: string; in: string; required?: boolean };

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A plain, readable page of the OpenAPI document: every operation, its parameters, body and answers. */
export function renderDocsPage(doc: Doc): string {
  const sections = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "delete"] as const).flatMap((method) => {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) return [];
      const params = (op.parameters ?? []) as Parameter[];
      const body = (op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.["application/json"]?.schema;
      const answers = Object.entries(op.responses ?? {}).map(
        ([status, r]) => `<li><code>${status}</code> ${escapeHtml((r as { description?: string }).description ?? "")}</li>`,
      );
      return [
        `<section id="${escapeHtml(op.operationId ?? `${method}-${path}`)}"><h2><span class="m">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>`,
        `<p>${escapeHtml(op.summary ?? "")}</p>`,
        params.length
          ? `<h3>Parameters</h3><ul>${params.map((p) => `<li><code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ", required" : ""})</li>`).join("")}</ul>`
          : "",
        body ? `<h3>Body</h3><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>` : "",
        `<h3>Answers</h3><ul>${answers.join("")}</ul></section>`,
      ];
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#0f172a;background:#f8fafc}pre{background:#e2e8f0;padding:.75rem;overflow:auto;font-size:12px;border-radius:.5rem}section{border-top:1px solid #cbd5e1;padding-top:.5rem}.m{font-size:.8em;background:#0f172a;color:#fff;padding:.1rem .4rem;border-radius:.3rem}@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}pre{background:#1e293b}}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1><p>${escapeHtml(doc.info.description ?? "")}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Schemas:</p>
<pre>${escapeHtml(JSON.stringify(doc.components?.schemas ?? {}, null, 2))}</pre>${sections.join("\n")}</body></html>`;
}
