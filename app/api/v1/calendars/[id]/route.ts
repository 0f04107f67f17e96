import { z } from "zod";
import { requireUser } from "@/lib/auth/require-user.ts";
import { updateCalendar } from "@/lib/calendars/update-calendar.ts";
import { param, readJson, routes } from "@/lib/http/route.ts";

const UpdateCalendar = z.strictObject({
  enabled: z.boolean().optional(),
  name: z.string().max(200).nullable().optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour written #RRGGBB")
    .nullable()
    .optional(),
});

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  PATCH: async (request, context) => {
    const { userId } = await requireUser(request);
    const changes = await readJson(request, UpdateCalendar);
    return Response.json(await updateCalendar({ userId, calendarId: await param(context, "id"), changes }));
  },
});
