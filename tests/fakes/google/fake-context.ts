import type { FaultRule } from "./faults.ts";
import type { OAuthState } from "./oauth.ts";
import type { FakeStore } from "./store.ts";
import type { WatchState } from "./watch.ts";

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** Everything one fake server holds. */
export interface FakeContext {
  store: FakeStore;
  oauth: OAuthState;
  watch: WatchState;
  faults: FaultRule[];
  requests: LoggedRequest[];
  baseUrl: string;
}
