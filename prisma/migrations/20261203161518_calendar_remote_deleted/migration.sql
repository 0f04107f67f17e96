-- AlterTable
ALTER TABLE "Calendar" ADD COLUMN     "remoteDeletedAt" TIMESTAMP(3);
