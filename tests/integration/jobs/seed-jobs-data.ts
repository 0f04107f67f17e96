import type { TestDb } from "../../helpers/test-db.ts";

import type { ProviderKind as Provider } from "../../../lib/db/generated/client.ts";

/** Minimal rows for job tests: a user with connections, calendars and outbox entries. */
export async function seedUser(testDb: TestDb): Promise<string> {
  const user = await testDb.prisma.user.create({
    data: { email: `u${Math.random().toString(36).slice(2)}@example.test` },
  });
  return user.id;
}

export async function seedConnection(
  testDb: TestDb,
  params: { userId: string; provider: Provider; status?: "ACTIVE" | "NEEDS_REAUTH" | "ERROR" },
): Promise<string> {
  const connection = await testDb.prisma.connection.create({
    data: {
      userId: params.userId,
      provider: params.provider,
      accountName: `${params.provider.toLowerCase()}@example.test`,
      credentials: "sealed",
      status: params.status ?? "ACTIVE",
    },
  });
  return connection.id;
}

export async function seedCalendar(
  testDb: TestDb,
  params: { userId: string; connectionId: string; name: string; enabled?: boolean; lastSyncedAt?: Date | null },
): Promise<string> {
  const calendar = await testDb.prisma.calendar.create({
    data: {
      userId: params.userId,
      connectionId: params.connectionId,
      remoteId: `remote-${params.name}`,
      remoteName: params.name,
      enabled: params.enabled ?? true,
      lastSyncedAt: params.lastSyncedAt === undefined ? new Date() : params.lastSyncedAt,
    },
  });
  return calendar.id;
}

export async function seedPendingChange(
  testDb: TestDb,
  params: { userId: string; calendarId: string; status?: "PENDING" | "DONE"; nextAttemptAt?: Date },
): Promise<string> {
  const uid = `uid-${Math.random().toString(36).slice(2)}`;
  const event = await testDb.prisma.event.create({
    data: {
      userId: params.userId,
      calendarId: params.calendarId,
      uid,
      ical: `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:${uid}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
      syncState: "PENDING",
    },
  });
  const change = await testDb.prisma.pendingChange.create({
    data: {
      userId: params.userId,
      eventId: event.id,
      calendarId: params.calendarId,
      kind: "UPDATE",
      status: params.status ?? "PENDING",
      nextAttemptAt: params.nextAttemptAt ?? new Date(Date.now() - 1000),
    },
  });
  return change.id;
}
