/** Inngest runs the background functions when it is configured (docs/api.md); else the embedded runner does. */
export function jobsRunnerKind(): "inngest" | "embedded" {
  const env = process.env;
  return env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY || env.INNGEST_DEV || env.INNGEST_BASE_URL
    ? "inngest"
    : "embedded";
}
