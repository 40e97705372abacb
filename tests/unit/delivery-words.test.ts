import { describe, expect, it } from "vitest";
import { eventWords, parseDeliveryFilters, prettyBody } from "@/lib/admin/delivery-words";

describe("event codes in words", () => {
  it.each([
    ["MEDIA_AUTO_APPROVED", "Request approved automatically"],
    ["MEDIA_AVAILABLE", "Request available"],
    ["TEST_NOTIFICATION", "Test message"],
    ["Grab", "Release grabbed"],
    ["Download", "File imported"],
    ["ManualInteractionRequired", "Import needs manual action"],
    ["ItemAdded", "Item added to the library"],
    ["finished", "Torrent finished"],
    // Codes not listed are still spelt out.
    ["ISSUE_AUTO_CLOSED", "Issue auto closed"],
    ["PlaybackStart", "Playback start"],
    ["user.created", "User created"],
    [null, "Unreadable body"],
  ])("%s → %s", (code, words) => {
    expect(eventWords(code)).toBe(words);
  });
});

describe("a stored body for reading", () => {
  it("indents JSON, lists form fields one a line, leaves other text alone", () => {
    expect(prettyBody('{"a":1,"b":{"c":[true]}}')).toBe('{\n  "a": 1,\n  "b": {\n    "c": [\n      true\n    ]\n  }\n}');
    expect(prettyBody("hash=abc&name=The%20Bear")).toBe("hash = abc\nname = The Bear");
    expect(prettyBody("{not json")).toBe("{not json");
    expect(prettyBody("plain words")).toBe("plain words");
  });
});

describe("the deliveries filter from the URL", () => {
  it("keeps known sources and statuses and any event code, drops the rest", () => {
    expect(parseDeliveryFilters({ source: "sonarr", status: "rejected", event: " Grab " })).toEqual({
      source: "sonarr",
      status: "rejected",
      eventType: "Grab",
    });
    expect(parseDeliveryFilters({ source: "nope", status: ["applied", "x"], event: "" })).toEqual({
      source: undefined,
      status: undefined,
      eventType: undefined,
    });
  });
});
