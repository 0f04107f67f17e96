import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options.ts";
import { errorResponse } from "@/lib/http/error-response.ts";
import { readBodyText } from "@/lib/http/read-body-text.ts";

/**
 * next-auth's routes. Its POST forms are read here first under the API's body limit (next-auth
 * itself reads whatever arrives), then handed on as an equal request.
 */
const handler = async (request: NextRequest, context: unknown) => {
  let limited = request;
  if (request.method === "POST") {
    try {
      const body = await readBodyText(request);
      limited = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
    } catch (error) {
      return errorResponse(error);
    }
  }
  return NextAuth(limited as never, context as never, authOptions());
};

export { handler as GET, handler as POST };
