import type { ProviderKind } from "../db/generated/client.ts";
import type { ProviderName } from "../providers/types.ts";

/** The API's and the adapters' name of a provider kind the database stores upper-case. */
export function providerNameOf(kind: ProviderKind): ProviderName {
  return kind.toLowerCase() as ProviderName;
}
