/**
 * Stores a checked remote account and its discovered calendars, provider-neutral (CalDAV,
 * iCloud, Google). Credentials are encrypted before they reach the database. Adding an
 * account the user already connected (same provider, server and account name) reconnects it:
 * new credentials, status ACTIVE, calendars matched by remote id — existing rows, their events
 * and local overrides stay, new calendars are added.
 */
import { db } from "../db/client.ts";
import type { Calendar, Connection, ProviderKind } from "../db/generated/client.ts";
import type { ConnectionCredentials, RemoteCalendar } from "../providers/types.ts";
import { sealCredentials } from "./connection-credentials.ts";
import { remoteCalendarColumns } from "./remote-calendar-columns.ts";

export interface StoredConnection {
  connection: Connection;
  calendars: (Calendar & { connection: Pick<Connection, "provider"> })[];
  /** False when an existing connection was reconnected. */
  isNew: boolean;
}

export async function storeConnection(params: {
  userId: string;
  provider: ProviderKind;
  serverUrl: string | null;
  accountName: string;
  credentials: ConnectionCredentials;
  calendars: RemoteCalendar[];
}): Promise<StoredConnection> {
  return db().$transaction(async (tx) => {
    const existing = await tx.connection.findFirst({
      where: {
        userId: params.userId,
        provider: params.provider,
        serverUrl: params.serverUrl,
        accountName: params.accountName,
      },
    });
    // The envelope is bound to the row's id (lib/connections/connection-credentials.ts), so a
    // new row is created first and sealed into in the same transaction.
    const row =
      existing ??
      (await tx.connection.create({
        data: {
          userId: params.userId,
          provider: params.provider,
          serverUrl: params.serverUrl,
          accountName: params.accountName,
          credentials: "",
        },
      }));
    const connection = await tx.connection.update({
      where: { id: row.id },
      data: { credentials: sealCredentials(params.credentials, row.id), status: "ACTIVE", lastError: null },
    });
    for (const calendar of params.calendars) {
      await tx.calendar.upsert({
        where: { connectionId_remoteId: { connectionId: connection.id, remoteId: calendar.remoteId } },
        create: {
          userId: params.userId,
          connectionId: connection.id,
          remoteId: calendar.remoteId,
          ...remoteCalendarColumns(calendar),
        },
        update: remoteCalendarColumns(calendar),
      });
    }
    const calendars = await tx.calendar.findMany({
      where: { connectionId: connection.id },
      include: { connection: { select: { provider: true } } },
      orderBy: [{ createdAt: "asc" }, { remoteName: "asc" }],
    });
    return { connection, calendars, isNew: !existing };
  });
}
