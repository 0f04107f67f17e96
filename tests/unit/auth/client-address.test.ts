import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyCount } from "../../../lib/auth/client-address.ts";
import { rateLimitRule } from "../../../lib/auth/rate-limit-rules.ts";

describe("clientAddress", () => {
  // scripts/serve.ts appends the socket's peer to whatever the request carried.
  it.each([
    ["no header at all", undefined, {}, "unknown"],
    ["a direct client", "203.0.113.7", {}, "203.0.113.7"],
    ["a direct client that wrote its own header", "198.51.100.1, 203.0.113.7", {}, "203.0.113.7"],
    ["one trusted proxy", "203.0.113.7, 10.0.0.2", { CONCORD_TRUST_PROXY: "1" }, "203.0.113.7"],
    ["one trusted proxy (true)", "203.0.113.7, 10.0.0.2", { CONCORD_TRUST_PROXY: "true" }, "203.0.113.7"],
    [
      "a spoofed entry in front of a trusted proxy",
      "1.1.1.1, 203.0.113.7, 10.0.0.2",
      { CONCORD_TRUST_PROXY: "1" },
      "203.0.113.7",
    ],
    ["two trusted proxies", "203.0.113.7, 10.0.0.3, 10.0.0.2", { CONCORD_TRUST_PROXY: "2" }, "203.0.113.7"],
    ["more trusted proxies than entries", "203.0.113.7", { CONCORD_TRUST_PROXY: "3" }, "203.0.113.7"],
    ["IPv6", "2001:DB8::1", {}, "2001:db8::1"],
  ])("%s", (_label, header, env, expected) => {
    const headers = new Headers(header ? { "x-forwarded-for": header } : {});
    expect(clientAddress(headers, env)).toBe(expected);
  });

  it("reads next-auth's plain header objects too", () => {
    expect(clientAddress({ "x-forwarded-for": "9.9.9.9, 203.0.113.7" }, {})).toBe("203.0.113.7");
  });

  it("refuses a CONCORD_TRUST_PROXY it cannot read", () => {
    expect(trustedProxyCount({})).toBe(0);
    expect(trustedProxyCount({ CONCORD_TRUST_PROXY: "false" })).toBe(0);
    expect(() => trustedProxyCount({ CONCORD_TRUST_PROXY: "yes please" })).toThrow(/CONCORD_TRUST_PROXY/);
  });
});

describe("rateLimitRule", () => {
  it("has defaults and reads CONCORD_RATE_LIMITS overrides", () => {
    expect(rateLimitRule("signup", {})).toEqual({ limit: 10, windowMs: 3_600_000 });
    const env = { CONCORD_RATE_LIMITS: "signup=3/60, signin=off" };
    expect(rateLimitRule("signup", env)).toEqual({ limit: 3, windowMs: 60_000 });
    expect(rateLimitRule("signin", env)).toBeNull();
    expect(rateLimitRule("tokens", env)).toEqual({ limit: 30, windowMs: 3_600_000 });
  });

  it("names the entry it cannot read", () => {
    expect(() => rateLimitRule("signup", { CONCORD_RATE_LIMITS: "signup=lots" })).toThrow(/signup=lots/);
    expect(() => rateLimitRule("signup", { CONCORD_RATE_LIMITS: "everything=1/1" })).toThrow(/everything/);
  });
});
