import { describe, expect, it } from "vitest";
import {
  AuthRevoked,
  GoneRemotely,
  PreconditionFailed,
  ProviderError,
  RateLimited,
  RemoteUnavailable,
  WriteForbidden,
} from "../../../lib/providers/errors.ts";
import { isPermanentRefusal } from "../../../lib/sync/push/is-permanent-refusal.ts";

describe("isPermanentRefusal", () => {
  it.each([
    ["a 400 with the server's reason", new ProviderError("PUT -> 400 (valid-calendar-data)", 400), true],
    ["a 415", new ProviderError("PUT -> 415", 415), true],
    ["a 422", new ProviderError("Google 422", 422), true],
    ["a read-only calendar (403)", new WriteForbidden("PUT -> 403", 403), true],
    ["revoked credentials (401)", new AuthRevoked("401", 401), false],
    ["a version mismatch (412)", new PreconditionFailed("412", 412), false],
    ["a 409", new ProviderError("409", 409), false],
    ["a 408 request timeout", new ProviderError("408", 408), false],
    ["a 423 locked resource", new ProviderError("423", 423), false],
    ["throttling", new RateLimited("429", 1000, 429), false],
    ["a server error", new RemoteUnavailable("502", 502), false],
    ["a lost connection", new RemoteUnavailable("network failure"), false],
    ["a gone object", new GoneRemotely("404", 404), false],
    ["anything that is not a provider error", new TypeError("bug"), false],
  ])("%s -> %s", (_label, error, expected) => {
    expect(isPermanentRefusal(error)).toBe(expected);
  });
});
