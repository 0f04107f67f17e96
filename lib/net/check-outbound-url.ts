/**
 * The outbound guard's decision for one URL: resolve its host and refuse it when any address
 * it leads to is private or loopback (is-private-address.ts) and not allowed by the operator
 * (CONCORD_ALLOW_PRIVATE_HOSTS). Returns the checked addresses; the caller connects to exactly
 * these (guarded-request.ts passes them as the socket's `lookup`), so a DNS answer that changes
 * between the check and the connect (DNS rebinding) changes nothing.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { AppError } from "../errors/app-error.ts";
import { isAllowedPrivateHost, parseAllowedPrivateHosts } from "./allowed-private-hosts.ts";
import { HostNotAllowed } from "./host-not-allowed.ts";
import { isPrivateAddress } from "./is-private-address.ts";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (tests pass a stub: no DNS, no packet). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, order: "verbatim" })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** `URL.hostname` keeps IPv6 brackets; sockets and address checks want them off. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

export function effectivePort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

function readAllowed(allowPrivateHosts: string | undefined) {
  return parseAllowedPrivateHosts(allowPrivateHosts ?? process.env.CONCORD_ALLOW_PRIVATE_HOSTS);
}

/**
 * The check without DNS, for a URL whose host is an IP address: throws HostNotAllowed when it
 * is private and not allowed; a host name passes (checkOutboundUrl resolves it).
 */
export function checkAddressLiteral(params: { url: URL; allowPrivateHosts?: string }): void {
  const hostname = bareHostname(params.url);
  if (isIP(hostname) === 0 || !isPrivateAddress(hostname)) return;
  const port = effectivePort(params.url);
  const allowed = readAllowed(params.allowPrivateHosts);
  if (!isAllowedPrivateHost({ allowed, hostname, address: hostname, port })) throw new HostNotAllowed(params.url.host);
}

export async function checkOutboundUrl(params: {
  url: URL;
  resolve?: ResolveHost;
  /** Defaults to CONCORD_ALLOW_PRIVATE_HOSTS as it is now. */
  allowPrivateHosts?: string;
  /**
   * An endpoint the operator configured (GOOGLE_API_ROOT_URL, GOOGLE_OAUTH_URL): resolved the
   * same way, but any address is allowed — the operator chose it, no user did.
   */
  isOperatorEndpoint?: boolean;
}): Promise<ResolvedAddress[]> {
  const { url } = params;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError("validation_failed", "Only http:// and https:// addresses can be used.");
  }
  const hostname = bareHostname(url);
  const family = isIP(hostname) as 0 | 4 | 6;
  // The URL parser has already turned decimal, hex and octal IPv4 forms into dotted quads.
  const addresses: ResolvedAddress[] =
    family === 0 ? await (params.resolve ?? resolveWithSystem)(hostname) : [{ address: hostname, family }];
  if (addresses.length === 0) throw new Error(`no address for ${url.host}`);
  if (params.isOperatorEndpoint) return addresses;
  const allowed = readAllowed(params.allowPrivateHosts);
  const port = effectivePort(url);
  // One refused address refuses the host: a name that mixes public and private answers is
  // exactly what a rebinding attack looks like.
  for (const { address } of addresses) {
    if (isPrivateAddress(address) && !isAllowedPrivateHost({ allowed, hostname, address, port })) {
      throw new HostNotAllowed(url.host);
    }
  }
  return addresses;
}
