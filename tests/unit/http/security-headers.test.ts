import { describe, expect, it } from "vitest";
import nextConfig from "../../../next.config.js";
import {
  apiContentSecurityPolicy,
  pageContentSecurityPolicy,
  securityHeaders,
  staticSecurityHeaders,
} from "../../../lib/http/security-headers.ts";

describe("security headers", () => {
  it("send HSTS only when APP_URL is https", () => {
    const https = securityHeaders({ contentSecurityPolicy: apiContentSecurityPolicy, appUrl: "https://cal.example" });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
    for (const appUrl of ["http://cal.example", "http://127.0.0.1:3000", undefined]) {
      const plain = securityHeaders({ contentSecurityPolicy: apiContentSecurityPolicy, appUrl });
      expect(plain).not.toHaveProperty("Strict-Transport-Security");
    }
  });

  it("always send nosniff, same-origin referrers and the given policy", () => {
    expect(securityHeaders({ contentSecurityPolicy: "x" })).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "Content-Security-Policy": "x",
    });
  });

  it("give pages a nonce-only script policy that forbids framing", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123", appUrl: "http://127.0.0.1:3000" });
    const directives = new Map(policy.split("; ").map((part) => [part.split(" ")[0], part]));
    expect(directives.get("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directives.get("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directives.get("object-src")).toBe("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy({ nonce: "n", appUrl: "https://cal.example" })).toContain(
      "upgrade-insecure-requests",
    );
    expect(pageContentSecurityPolicy({ nonce: "n", isDev: true })).toContain("'unsafe-eval'");
  });

  it("match the build-time copy in next.config.js", async () => {
    const rules = (await nextConfig.headers?.()) ?? [];
    const headersOf = (source: string) =>
      Object.fromEntries(
        (rules.find((rule) => rule.source === source)?.headers ?? []).map(({ key, value }) => [key, value]),
      );
    expect(headersOf("/:path*")).toEqual(staticSecurityHeaders);
    expect(headersOf("/api/:path*")).toEqual({ "Content-Security-Policy": apiContentSecurityPolicy });
  });
});
