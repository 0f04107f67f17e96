import { withAuth } from "next-auth/middleware";

/**
 * Sends signed-out visitors of the app's pages to /signin. API routes are left out: they answer
 * 401 JSON themselves (API.md), and Bearer-token clients have no session cookie.
 */
export default withAuth({
  pages: { signIn: "/signin" },
  secret: process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET,
});

export const config = {
  matcher: ["/", "/settings/:path*", "/conflicts/:path*"],
};
