/**
 * Request bodies of the event endpoints (docs/api.md "Events"), shared by the route handlers and
 * lib so both validate the same way. Times are RFC 3339 with offset, or `YYYY-MM-DD` when
 * `allDay` is true.
 */
import { z } from "zod";

const text = (max: number) => z.string().max(max);

export const CreateEventInput = z.object({
  calendarId: z.string().min(1).max(200),
  title: text(1000),
  start: z.string().min(10).max(40),
  end: z.string().min(10).max(40),
  allDay: z.boolean().optional(),
  timeZone: z.string().min(1).max(100).nullable().optional(),
  location: text(2000).nullable().optional(),
  description: text(100_000).nullable().optional(),
  recurrence: z.array(text(2000)).max(50).optional(),
});
export type CreateEventInput = z.infer<typeof CreateEventInput>;

export const PatchEventInput = z.object({
  title: text(1000).optional(),
  start: z.string().min(10).max(40).optional(),
  end: z.string().min(10).max(40).optional(),
  allDay: z.boolean().optional(),
  timeZone: z.string().min(1).max(100).nullable().optional(),
  location: text(2000).nullable().optional(),
  description: text(100_000).nullable().optional(),
  recurrence: z.array(text(2000)).max(50).optional(),
  status: z.enum(["confirmed", "tentative", "cancelled"]).optional(),
});
export type PatchEventInput = z.infer<typeof PatchEventInput>;

export const EditScope = z.enum(["this", "following", "all"]);
export type EditScope = z.infer<typeof EditScope>;

export const MoveEventInput = z.object({ calendarId: z.string().min(1).max(200) });
