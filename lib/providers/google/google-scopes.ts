/**
 * Two-way event sync needs `calendar.events` plus calendar listing (`calendar.readonly`);
 * `openid email` names the account (docs/design.md "Google", as Compass does).
 */
export const GOOGLE_SCOPES = [
  "https://www.googleapis.com/auth/calendar.events",
  "https://www.googleapis.com/auth/calendar.readonly",
  "openid",
  "email",
];
