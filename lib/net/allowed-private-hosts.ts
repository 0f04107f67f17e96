/**
 * CONCORD_ALLOW_PRIVATE_HOSTS: the private or loopback hosts the operator lets Concord reach
 * for people (a home server's Radicale on 127.0.0.1:5232 or 192.168.1.10). A comma-separated
 * list; each entry is an IP address, a CIDR range or a host name, optionally followed by
 * `:port`. IPv6 entries with a port are bracketed: `[::1]:5232`, `[fd00::/8]:443`.
 * A host-name entry allows that name whatever it resolves to; address and range entries
 * allow the addresses the host resolved to. An entry that cannot be read is skipped with a
 * warning, so a typo never opens more than intended.
 */
import { BlockList, isIP } from "node:net";

export interface AllowedPrivateHost {
  /** Lower-case host name, for name entries. */
  name?: string;
  /** The address or range, for address entries. */
  addresses?: BlockList;
  /** Only this port, when the entry names one. */
  port?: number;
}

const warned = new Set<string>();

function warnOnce(entry: string): void {
  if (warned.has(entry)) return;
  warned.add(entry);
  console.warn(`[net] CONCORD_ALLOW_PRIVATE_HOSTS: cannot read the entry "${entry}"; it is ignored.`);
}

function parsePort(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) return null;
  return Number(text);
}

function addressList(text: string): BlockList | null {
  const [address = "", prefixText] = text.split("/");
  const family = isIP(address);
  if (family === 0) return null;
  const type = family === 4 ? "ipv4" : "ipv6";
  const list = new BlockList();
  if (prefixText === undefined) {
    list.addAddress(address, type);
    return list;
  }
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) return null;
  list.addSubnet(address, prefix, type);
  return list;
}

function parseEntry(entry: string): AllowedPrivateHost | null {
  // [v6] or [v6/len], optionally :port
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    const addresses = addressList(bracketed[1] ?? "");
    const port = parsePort(bracketed[2]);
    return addresses && port !== null ? { addresses, port } : null;
  }
  // A bare IPv6 address or range (two or more colons) carries no port.
  if ((entry.match(/:/g) ?? []).length >= 2) {
    const addresses = addressList(entry);
    return addresses ? { addresses } : null;
  }
  const [host = "", portText] = entry.split(":");
  const port = parsePort(portText);
  if (port === null || host === "") return null;
  if (/^[\d.]+(\/\d+)?$/.test(host)) {
    const addresses = addressList(host);
    return addresses ? { addresses, port } : null;
  }
  if (!/^[a-z0-9.-]+$/i.test(host)) return null;
  return { name: host.toLowerCase().replace(/\.$/, ""), port };
}

export function parseAllowedPrivateHosts(text: string | undefined): AllowedPrivateHost[] {
  const entries: AllowedPrivateHost[] = [];
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const parsed = parseEntry(entry);
    if (parsed) entries.push(parsed);
    else warnOnce(entry);
  }
  return entries;
}

/** True when an entry allows connecting to `address` for a URL naming `hostname` and `port`. */
export function isAllowedPrivateHost(params: {
  allowed: AllowedPrivateHost[];
  hostname: string;
  address: string;
  port: number;
}): boolean {
  const hostname = params.hostname.toLowerCase().replace(/\.$/, "");
  const family = isIP(params.address) === 6 ? "ipv6" : "ipv4";
  return params.allowed.some((entry) => {
    if (entry.port !== undefined && entry.port !== params.port) return false;
    if (entry.name !== undefined) return entry.name === hostname;
    return entry.addresses?.check(params.address, family) ?? false;
  });
}
