/**
 * `INNGEST_DEV` makes the Inngest SDK skip the signature check of /api/inngest, so anyone who
 * can reach the server could run its background functions with data of their choosing. A
 * production server refuses to start with it, unless the operator forces it knowingly with
 * `CONCORD_ALLOW_INNGEST_DEV_IN_PRODUCTION=1` (e.g. a closed test network).
 */
export function inngestDevRefusal(env: Record<string, string | undefined> = process.env): string | null {
  const isDev = Boolean(env.INNGEST_DEV) && env.INNGEST_DEV !== "0" && env.INNGEST_DEV !== "false";
  if (!isDev || env.NODE_ENV !== "production") return null;
  if (env.CONCORD_ALLOW_INNGEST_DEV_IN_PRODUCTION === "1") return null;
  return (
    "Refusing to start: INNGEST_DEV is set on a production server, which turns off the signature " +
    "check of /api/inngest. Remove INNGEST_DEV and set INNGEST_SIGNING_KEY (and INNGEST_EVENT_KEY), " +
    "or set CONCORD_ALLOW_INNGEST_DEV_IN_PRODUCTION=1 if this server is unreachable from untrusted networks."
  );
}
