import { BlockList, isIP } from "node:net";

/** One address or CIDR range of a configured list (TRUSTED_PROXIES). */
export type AddressEntry = { address: string; prefix: number; family: "ipv4" | "ipv6" };

export type AddressListParse = { ok: true; entries: AddressEntry[] } | { ok: false; message: string };

/** `10.0.0.1, 192.168.0.0/16, ::1, fd00::/8` → entries; a bare address is its own /32 or /128. */
export function parseAddressList(text: string | undefined): AddressListParse {
  const entries: AddressEntry[] = [];
  for (const raw of (text ?? "").split(",")) {
    const item = raw.trim();
    if (!item) continue;
    const [address = "", prefixText] = item.split("/");
    const version = isIP(address);
    if (version === 0) return { ok: false, message: `"${item}" is not an IP address or CIDR range` };
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!/^\d+$/.test(prefixText ?? String(max)) || prefix > max) return { ok: false, message: `"${item}" has an invalid prefix length` };
    entries.push({ address, prefix, family: version === 4 ? "ipv4" : "ipv6" });
  }
  return { ok: true, entries };
}

/** `::ffff:10.0.0.1` (how a dual-stack socket reports IPv4) → `10.0.0.1`; anything else as it is, lower-case. */
export function normaliseAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

/** A membership test for a list of addresses and ranges. */
export function addressMatcher(entries: readonly AddressEntry[]): (address: string) => boolean {
  const list = new BlockList();
  for (const e of entries) list.addSubnet(e.address, e.prefix, e.family);
  return (address) => {
    const normal = normaliseAddress(address);
    const version = isIP(normal);
    return version !== 0 && list.check(normal, version === 4 ? "ipv4" : "ipv6");
  };
}
