import { describe, expect, it } from "vitest";
import { authOptions } from "../../../lib/auth/auth-options.ts";
import { sameOriginPath } from "../../../lib/auth/same-origin-path.ts";

const origin = "http://127.0.0.1:3000";

// Each of these leaves the app once a browser resolves it (backslash and tab tricks included).
const foreign = [
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\t/evil.example",
  "/.//evil.example",
  "https://evil.example",
  "http://127.0.0.1:3001/",
  "https://127.0.0.1:3000/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "http://evil.example@127.0.0.1:3001/",
];

describe("sameOriginPath", () => {
  it.each(foreign)("refuses %j", (raw) => {
    expect(sameOriginPath(raw, origin)).toBe("/");
  });

  it.each([
    ["/settings/accounts", "/settings/accounts"],
    ["/?view=week&date=2027-01-04", "/?view=week&date=2027-01-04"],
    ["/conflicts#first", "/conflicts#first"],
    [`${origin}/settings/tokens`, "/settings/tokens"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["", "/"],
    [undefined, "/"],
  ])("keeps the app's own path %j", (raw, expected) => {
    expect(sameOriginPath(raw, origin)).toBe(expected);
  });
});

describe("next-auth's redirect callback", () => {
  const redirect = authOptions().callbacks?.redirect as (params: { url: string; baseUrl: string }) => Promise<string>;

  it.each(foreign)("sends %j to the app's start page", async (url) => {
    expect(await redirect({ url, baseUrl: origin })).toBe(`${origin}/`);
  });

  it("keeps a page of the app", async () => {
    expect(await redirect({ url: "/settings/accounts", baseUrl: origin })).toBe(`${origin}/settings/accounts`);
    expect(await redirect({ url: `${origin}/conflicts`, baseUrl: origin })).toBe(`${origin}/conflicts`);
  });
});
