// Any /api path no route matches: a JSON 404 instead of Next's HTML page.
const notFound = (request: Request) =>
  Response.json(
    { error: { code: "not_found", message: `No API route ${new URL(request.url).pathname}.` } },
    { status: 404 },
  );

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
