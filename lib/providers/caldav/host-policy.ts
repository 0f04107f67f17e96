/**
 * Which hosts may receive the account's credentials. tsdav follows absolute hrefs to any host
 * and sends the Authorization header along (docs/design.md "Hard-won rules", keeper.sh
 * client-cross-origin-calendar-href.test.ts); Concord only talks to the configured server's
 * host and explicitly allowed ones (iCloud: `*.icloud.com`, its partition hosts `pNN-caldav`).
 */
import { ProviderError } from "../errors.ts";

/** A server pointed at a host that may not receive the credentials; nothing was sent there. */
export class ForeignHostRefused extends ProviderError {}

export interface HostPolicy {
  isAllowed(url: URL): boolean;
}

export function createHostPolicy(params: { serverUrl: string; allowedHosts?: string[] }): HostPolicy {
  const server = new URL(params.serverUrl);
  const patterns = (params.allowedHosts ?? []).map((p) => p.toLowerCase());
  return {
    isAllowed(url) {
      // Never downgrade: credentials for an https server are never sent over plain http.
      if (server.protocol === "https:" && url.protocol !== "https:") return false;
      if (url.host.toLowerCase() === server.host.toLowerCase()) return true;
      const hostname = url.hostname.toLowerCase();
      return patterns.some((pattern) =>
        pattern.startsWith("*.")
          ? hostname.endsWith(pattern.slice(1))
          : hostname === pattern || url.host.toLowerCase() === pattern,
      );
    },
  };
}
