import "server-only";
import { getTableColumns, type InferInsertModel, type InferSelectModel, type Table } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "./client";

/**
 * Hand-written statements for the webhook hot path, on the postgres.js client under a drizzle instance or
 * transaction. Why: drizzle sends every query unprepared, and postgres.js then describes a parameterised
 * statement before binding it — two round trips each, and nothing pipelined behind it. Fixed statement texts
 * through the tagged template are prepared once per connection and then go out as one write, several pipelined.
 * Rows are read and written with drizzle's own column mappings, so they look exactly like the query builder's.
 */
export function sqlOf(db: Db): Sql {
  return (db as unknown as { session: { client: Sql } }).session.client;
}

type Mapping = { key: string; name: string; from: (v: unknown) => unknown; to: (v: unknown) => unknown };
const mappings = new WeakMap<Table, Mapping[]>();

function mappingOf(table: Table): Mapping[] {
  let found = mappings.get(table);
  if (!found) {
    found = Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      name: column.name,
      from: (v: unknown) => column.mapFromDriverValue(v),
      to: (v: unknown) => column.mapToDriverValue(v),
    }));
    mappings.set(table, found);
  }
  return found;
}

/** A row of `select *` (column names) as the query builder returns it (property names, dates, numbers). */
export function readRow<T extends Table>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const m of mappingOf(table)) {
    const v = raw[m.name];
    out[m.key] = v === null || v === undefined ? null : m.from(v);
  }
  return out as InferSelectModel<T>;
}

export function readRows<T extends Table>(table: T, raws: readonly Record<string, unknown>[]): InferSelectModel<T>[] {
  return raws.map((r) => readRow(table, r));
}

/** Values by column name as the driver sends them; keys left undefined are left out (column defaults apply). */
export function driverValues<T extends Table>(table: T, values: Partial<InferInsertModel<T>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const source = values as Record<string, unknown>;
  for (const m of mappingOf(table)) {
    const v = source[m.key];
    if (v === undefined) continue;
    out[m.name] = v === null ? null : m.to(v);
  }
  return out;
}
