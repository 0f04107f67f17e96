/**
 * Google settings of this server: the OAuth client and the public base URL the consent
 * callback and push channels use (docs/api.md "Commands and configuration"). Null when the OAuth
 * client is not configured, so callers can say so instead of sending people to Google.
 */
export interface GoogleAppConfig {
  clientId: string;
  clientSecret: string;
  /** APP_URL without a trailing slash. */
  appUrl: string;
  redirectUri: string;
  webhookUrl: string;
}

export function googleAppConfig(params: { fallbackAppUrl?: string } = {}): GoogleAppConfig | null {
  const clientId = process.env.GOOGLE_CLIENT_ID;
  const clientSecret = process.env.GOOGLE_CLIENT_SECRET;
  if (!clientId || !clientSecret) return null;
  const appUrl = appBaseUrl(params);
  return {
    clientId,
    clientSecret,
    appUrl,
    redirectUri: `${appUrl}/api/connect/google/callback`,
    webhookUrl: `${appUrl}/api/webhooks/google`,
  };
}

/** APP_URL, else the request's own origin, else localhost:PORT (scripts/start.ts's default). */
export function appBaseUrl(params: { fallbackAppUrl?: string } = {}): string {
  const raw = process.env.APP_URL || params.fallbackAppUrl || `http://localhost:${process.env.PORT || 3000}`;
  return raw.replace(/\/+$/, "");
}

/**
 * Google refuses non-HTTPS callback addresses (`push.webhookUrlNotHttps`, push guide), so
 * channels start only for an https APP_URL; CONCORD_ALLOW_HTTP_WEBHOOKS=1 lifts that for a
 * local fake. Without channels the periodic reconcile pull still keeps calendars current.
 */
export function canReceiveWebhooks(params: { appUrl: string }): boolean {
  return params.appUrl.startsWith("https://") || process.env.CONCORD_ALLOW_HTTP_WEBHOOKS === "1";
}
