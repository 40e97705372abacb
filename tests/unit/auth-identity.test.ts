import { describe, expect, it } from "vitest";
import { isRequestedBy, namesOf, parseAliases, parseNameList } from "@/lib/auth/aliases";
import { viewerFromSession } from "@/lib/auth/session";
import { mayRead, requesterScope, type Reader } from "@/lib/auth/policy";

const aliasesOf = (text: string) => {
  const parsed = parseAliases(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.aliases;
};

describe("USER_ALIASES", () => {
  it("maps a Jellyfin name to Jellyseerr names and e-mails, without case or spaces", () => {
    const aliases = aliasesOf(" Alex = Alexander, ALEX@example.com ; sam=samantha;");
    expect(namesOf("ALEX", aliases)).toEqual(["alex", "alexander", "alex@example.com"]);
    expect(namesOf("sam", aliases)).toEqual(["sam", "samantha"]);
    expect(namesOf("robin", aliases)).toEqual(["robin"]);
  });

  it("merges repeated entries for one name", () => {
    expect(namesOf("alex", aliasesOf("alex=a1;alex=a2,a1"))).toEqual(["alex", "a1", "a2"]);
  });

  it("refuses entries it cannot read, saying which", () => {
    expect(parseAliases("alex")).toEqual({ ok: false, message: expect.stringContaining('"alex" has no "="') });
    expect(parseAliases("alex=")).toMatchObject({ ok: false });
    expect(parseAliases("=x")).toMatchObject({ ok: false });
    expect(parseAliases(undefined)).toMatchObject({ ok: true });
  });

  it("ADMIN_USERS is a case-insensitive comma list", () => {
    expect(parseNameList(" Alice, BOB ,,")).toEqual(["alice", "bob"]);
    expect(parseNameList(undefined)).toEqual([]);
  });
});

describe("requester matching", () => {
  const names = namesOf("alex", aliasesOf("alex=alexander,alex@example.com"));
  it("matches the Jellyseerr username or e-mail in any case", () => {
    expect(isRequestedBy({ requestedBy: "ALEX", requestedByEmail: null }, names)).toBe(true);
    expect(isRequestedBy({ requestedBy: "Alexander", requestedByEmail: null }, names)).toBe(true);
    expect(isRequestedBy({ requestedBy: "someone", requestedByEmail: "Alex@Example.com" }, names)).toBe(true);
  });
  it("does not match other people or missing requesters", () => {
    expect(isRequestedBy({ requestedBy: "alexandra", requestedByEmail: "alexandra@example.com" }, names)).toBe(false);
    expect(isRequestedBy({ requestedBy: null, requestedByEmail: null }, names)).toBe(false);
  });
});

describe("viewerFromSession", () => {
  const config = { adminUsers: ["carol"], aliases: aliasesOf("bob=robert") };
  it("is null without a named user", () => {
    expect(viewerFromSession(null, config)).toBeNull();
    expect(viewerFromSession({ user: {} }, config)).toBeNull();
    expect(viewerFromSession({ user: { name: "" } }, config)).toBeNull();
  });
  it("is admin from the sign-in source or from ADMIN_USERS, member otherwise", () => {
    expect(viewerFromSession({ user: { name: "Alice", idpAdmin: true } }, config)?.role).toBe("admin");
    expect(viewerFromSession({ user: { name: "Carol", idpAdmin: false } }, config)?.role).toBe("admin");
    expect(viewerFromSession({ user: { name: "Bob" } }, config)).toEqual({ name: "Bob", role: "member", aliases: ["bob", "robert"] });
  });
});

describe("read policy", () => {
  const member: Reader = { kind: "viewer", viewer: { name: "bob", role: "member", aliases: ["bob", "robert"] } };
  const admin: Reader = { kind: "viewer", viewer: { name: "alice", role: "admin", aliases: ["alice"] } };
  const token: Reader = { kind: "token" };
  it("limits only members, and only under MEMBERS_SEE=own", () => {
    expect(requesterScope(member, "all")).toBeNull();
    expect(requesterScope(member, "own")).toEqual(["bob", "robert"]);
    expect(requesterScope(admin, "own")).toBeNull();
    expect(requesterScope(token, "own")).toBeNull();
  });
  it("lets a member under own read only their requests", () => {
    expect(mayRead(member, "own", { requestedBy: "Robert", requestedByEmail: null })).toBe(true);
    expect(mayRead(member, "own", { requestedBy: "alice", requestedByEmail: null })).toBe(false);
    expect(mayRead(member, "all", { requestedBy: "alice", requestedByEmail: null })).toBe(true);
  });
});
