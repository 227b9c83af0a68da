-- AlterTable
ALTER TABLE "MeetingTextStatus" ADD COLUMN     "flags" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "history" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "ownBaseline" TEXT NOT NULL DEFAULT '{}';
