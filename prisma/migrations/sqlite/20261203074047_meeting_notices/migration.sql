-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "data" TEXT;
ALTER TABLE "Notification" ADD COLUMN "meetingId" TEXT;
