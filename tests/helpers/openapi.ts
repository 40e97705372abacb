import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import path from "node:path";

type Spec = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

const fixtures = path.join(import.meta.dirname, "../fixtures/contracts");

/** OpenAPI 3.0's `nullable` next to a `$ref` or `allOf` (no `type`) has no JSON Schema meaning: spell it as "or null". */
function nullableToAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToAnyOf);
  if (typeof node !== "object" || node === null) return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, nullableToAnyOf(v)]));
  if (out.nullable === true && !("type" in out)) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: "null" }] };
  }
  return out;
}

/**
 * Validates JSON answers against a service's OpenAPI 3 document (Sonarr's and Radarr's own `openapi.json`).
 * The whole document is registered once so every `#/components/schemas/…` reference resolves inside it;
 * `nullable` is OpenAPI's and Ajv understands it; the .NET number formats are only labels here.
 */
export function openApiValidator(file: string) {
  const spec = nullableToAnyOf(JSON.parse(readFileSync(path.join(fixtures, file), "utf8"))) as Spec & Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ["int32", "int64", "double", "float", "date-span"]) ajv.addFormat(f, true);
  const id = `${file}#`;
  ajv.addSchema({ ...spec, $id: file });
  const cache = new Map<string, ValidateFunction>();
  return (method: "get" | "post", apiPath: string, body: unknown, status = "200"): string[] => {
    const key = `${method} ${apiPath} ${status}`;
    let validate = cache.get(key);
    if (!validate) {
      if (!spec.paths[apiPath]?.[method]?.responses[status]?.content?.["application/json"]) throw new Error(`${file} has no JSON answer for ${key}`);
      const pointer = ["paths", apiPath, method, "responses", status, "content", "application/json", "schema"]
        .map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1"))
        .join("/");
      validate = ajv.compile({ $ref: `${id}/${pointer}` });
      cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  };
}
