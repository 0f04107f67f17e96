import { z } from "zod";
import { requireUser } from "@/lib/auth/require-user.ts";
import { toCalendarView } from "@/lib/calendars/calendar-view.ts";
import { connectCaldavAccount } from "@/lib/connections/connect-caldav-account.ts";
import { toConnectionView } from "@/lib/connections/connection-view.ts";
import { listConnections } from "@/lib/connections/list-connections.ts";
import { readJson, routes } from "@/lib/http/route.ts";

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol), {
    message: "must be an http:// or https:// address",
  });

const CreateConnection = z.discriminatedUnion("provider", [
  z.object({
    provider: z.literal("caldav"),
    serverUrl: httpUrl,
    username: z.string().trim().min(1).max(500),
    password: z.string().min(1).max(1000),
  }),
  z.object({
    provider: z.literal("icloud"),
    serverUrl: z.string().optional(),
    username: z.string().trim().min(1).max(500),
    password: z.string().min(1).max(1000),
  }),
]);

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async (request) => {
    const { userId } = await requireUser(request);
    return Response.json({ items: await listConnections({ userId }) });
  },
  // Google accounts connect through /api/connect/google (OAuth), not here.
  POST: async (request) => {
    const { userId } = await requireUser(request);
    const input = await readJson(request, CreateConnection);
    const stored = await connectCaldavAccount({ userId, input });
    return Response.json(
      {
        connection: toConnectionView(stored.connection),
        calendars: stored.calendars.map((calendar) => toCalendarView(calendar)),
      },
      { status: 201 },
    );
  },
});
