import { describe, expect, it } from "vitest";
import { postgresTarget } from "@/db/url";

describe("postgresTarget", () => {
  it.each([
    ["postgres://u:p@db:5432/app", { url: "postgres://u:p@db:5432/app" }],
    ["postgres://u@localhost/app?sslmode=require", { url: "postgres://u@localhost/app?sslmode=require" }],
    ["postgres://u@localhost/app?host=/run/postgresql", { url: "postgres://u@localhost/app", path: "/run/postgresql/.s.PGSQL.5432" }],
    [
      "postgres://u:p@localhost:6543/app?host=/tmp/pg/&application_name=st",
      { url: "postgres://u:p@localhost:6543/app?application_name=st", path: "/tmp/pg/.s.PGSQL.6543" },
    ],
    ["postgres://u@localhost/app?host=db.internal", { url: "postgres://u@localhost/app?host=db.internal" }],
  ])("%s", (input, expected) => {
    expect(postgresTarget(input)).toEqual(expected);
  });
});
