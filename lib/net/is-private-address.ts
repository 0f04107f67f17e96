/**
 * Whether an IP address is one Concord must not reach on a person's behalf unless the operator
 * allowed it: every range of the IANA special-purpose registries that is not globally
 * reachable (RFC 6890) — loopback, "this network", private (RFC 1918), CGNAT (RFC 6598),
 * link-local (cloud metadata at 169.254.169.254), documentation, benchmarking, multicast,
 * reserved and broadcast; in IPv6 unspecified, loopback, IPv4-compatible, unique-local
 * (RFC 4193), link- and site-local, discard, documentation and multicast — and the IPv6 forms
 * that carry an IPv4 address (mapped, NAT64 64:ff9b::/96, 6to4 2002::/16), judged by that
 * IPv4 address. Node's BlockList already treats `::ffff:a.b.c.d` as `a.b.c.d`.
 */
import { BlockList, isIP } from "node:net";

const IPV4_RANGES: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

const IPV6_RANGES: [string, number][] = [
  // ::/96 holds the unspecified address, ::1 and the deprecated IPv4-compatible forms.
  ["::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
];

const privateRanges = new BlockList();
for (const [network, prefix] of IPV4_RANGES) privateRanges.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of IPV6_RANGES) privateRanges.addSubnet(network, prefix, "ipv6");

/** The eight 16-bit groups of an IPv6 address (with or without an embedded dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a, b, c, d] = dotted[1].split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}

function ipv4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** The IPv4 address an IPv6 NAT64 or 6to4 address carries, if it is one. */
function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (groups.length !== 8 || groups.some((group) => Number.isNaN(group))) return undefined;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4FromGroups(g6, g7);
  if (g0 === 0x2002) return ipv4FromGroups(g1, g2);
  return undefined;
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  // Not an IP address at all: nothing to connect to, so never treat it as safe.
  if (family === 0) return true;
  if (family === 4) return privateRanges.check(address, "ipv4");
  if (privateRanges.check(address, "ipv6")) return true;
  const inner = embeddedIpv4(address);
  return inner !== undefined && privateRanges.check(inner, "ipv4");
}
