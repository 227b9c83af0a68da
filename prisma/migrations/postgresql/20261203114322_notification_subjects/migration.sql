-- AlterTable
ALTER TABLE "FollowUpAction" ADD COLUMN     "dueNoticedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "subjectId" TEXT,
ADD COLUMN     "subjectType" TEXT;
