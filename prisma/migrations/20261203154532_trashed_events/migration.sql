-- CreateTable
CREATE TABLE "TrashedEvent" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "calendarId" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "startAt" TIMESTAMP(3),
    "endAt" TIMESTAMP(3),
    "allDay" BOOLEAN NOT NULL DEFAULT false,
    "ical" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrashedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrashedEvent_userId_deletedAt_idx" ON "TrashedEvent"("userId", "deletedAt");

-- CreateIndex
CREATE INDEX "TrashedEvent_deletedAt_idx" ON "TrashedEvent"("deletedAt");

-- AddForeignKey
ALTER TABLE "TrashedEvent" ADD CONSTRAINT "TrashedEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrashedEvent" ADD CONSTRAINT "TrashedEvent_calendarId_fkey" FOREIGN KEY ("calendarId") REFERENCES "Calendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;
