-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "data" TEXT,
ADD COLUMN     "meetingId" TEXT;
