-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "received" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "saved" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "SyncRun_userId_status_idx" ON "SyncRun"("userId", "status");
