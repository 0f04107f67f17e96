import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors/app-error.ts";
import { refuseCrossOriginRequest, refuseCrossSiteForm } from "../../../lib/http/refuse-cross-origin.ts";

const app = "https://cal.example";

function outcome(check: (request: Request) => void, method: string, headers: Record<string, string>): string {
  try {
    check(new Request(`${app}/api/v1/tokens`, { method, headers }));
    return "allowed";
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

const json = { "content-type": "application/json" };

describe("the CSRF rule", () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.APP_URL;
    process.env.APP_URL = `${app}/`;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = saved;
  });

  it.each([
    ["POST", { origin: app, ...json }, "allowed"],
    ["DELETE", { origin: app, "content-type": "application/json; charset=utf-8" }, "allowed"],
    ["PATCH", { "sec-fetch-site": "same-origin", ...json }, "allowed"],
    ["GET", { origin: "https://evil.example" }, "allowed"],
    ["POST", { origin: "https://evil.example", ...json }, "403 cross_origin_refused"],
    ["POST", { origin: "http://cal.example", ...json }, "403 cross_origin_refused"],
    ["POST", { origin: "https://cal.example:8443", ...json }, "403 cross_origin_refused"],
    ["POST", { origin: "https://sub.cal.example", ...json }, "403 cross_origin_refused"],
    ["POST", { origin: "null", ...json }, "403 cross_origin_refused"],
    ["PUT", { "sec-fetch-site": "same-site", ...json }, "403 cross_origin_refused"],
    ["POST", { ...json }, "403 cross_origin_refused"],
    ["POST", { origin: app, "content-type": "text/plain" }, "403 cross_origin_refused"],
    ["DELETE", { origin: app }, "403 cross_origin_refused"],
  ])("for a cookie request: %s %j -> %s", (method, headers, expected) => {
    expect(outcome(refuseCrossOriginRequest, method, headers)).toBe(expected);
  });

  it.each([
    ["POST", { ...json }, "allowed"],
    ["POST", { origin: app, "sec-fetch-site": "same-origin", ...json }, "allowed"],
    ["POST", { "sec-fetch-site": "none", ...json }, "allowed"],
    ["POST", { "content-type": "text/plain" }, "403 cross_origin_refused"],
    ["POST", { origin: "https://evil.example", ...json }, "403 cross_origin_refused"],
    ["POST", { "sec-fetch-site": "cross-site", ...json }, "403 cross_origin_refused"],
  ])("for sign-up: %s %j -> %s", (method, headers, expected) => {
    expect(outcome(refuseCrossSiteForm, method, headers)).toBe(expected);
  });
});
