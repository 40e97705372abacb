import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { getMemberTheme, saveMemberTheme } from "@/db/queries/member-preferences";
import type { Viewer } from "@/lib/auth/session";

const bob: Viewer = { name: "Bob", role: "member", aliases: ["bob"] };
const alice: Viewer = { name: "Alice", role: "admin", aliases: ["alice"] };

describe("a member's theme", () => {
  it("is remembered per member, under any spelling of their name, and changes in place", async () => {
    const db = await getDb();
    expect(await getMemberTheme({ db, viewer: bob })).toBeNull();
    await saveMemberTheme({ db, viewer: bob, theme: "light" });
    expect(await getMemberTheme({ db, viewer: { ...bob, name: "bob" } })).toBe("light");
    expect(await getMemberTheme({ db, viewer: alice })).toBeNull();
    await saveMemberTheme({ db, viewer: bob, theme: "dark" });
    expect(await getMemberTheme({ db, viewer: bob })).toBe("dark");
  });

  it("refuses a theme the portal does not have", async () => {
    const db = await getDb();
    await expect(saveMemberTheme({ db, viewer: alice, theme: "sepia" as "dark" })).rejects.toThrow();
  });
});
