-- AlterTable
ALTER TABLE "FollowUpAction" ADD COLUMN "dueNoticedAt" DATETIME;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "subjectId" TEXT;
ALTER TABLE "Notification" ADD COLUMN "subjectType" TEXT;
