-- AlterTable
ALTER TABLE "ApplicationCall" ADD COLUMN     "blindFirstRound" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "blindRoundClosedAt" TIMESTAMP(3),
ADD COLUMN     "interviewReplyTo" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reviewersPerApplication" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "ApplicationReview" ADD COLUMN     "noConflictDeclaredAt" TIMESTAMP(3);
