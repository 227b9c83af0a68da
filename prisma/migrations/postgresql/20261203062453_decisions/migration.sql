-- AlterTable
ALTER TABLE "MeetingActionItem" ADD COLUMN     "decisionId" TEXT;

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pollType" TEXT NOT NULL DEFAULT '',
    "groupId" TEXT,
    "documentId" TEXT,
    "meetingId" TEXT,
    "titleEn" TEXT NOT NULL,
    "titleFr" TEXT NOT NULL,
    "textEn" TEXT NOT NULL DEFAULT '',
    "textFr" TEXT NOT NULL DEFAULT '',
    "proposerId" TEXT NOT NULL,
    "proposerTimeZone" TEXT NOT NULL DEFAULT 'UTC',
    "closesAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "voters" TEXT NOT NULL DEFAULT 'group',
    "isAnonymous" BOOLEAN NOT NULL DEFAULT false,
    "resultsLive" BOOLEAN NOT NULL DEFAULT false,
    "quorumKind" TEXT NOT NULL DEFAULT '',
    "quorumValue" INTEGER NOT NULL DEFAULT 0,
    "maxChoices" INTEGER NOT NULL DEFAULT 0,
    "scoreMax" INTEGER NOT NULL DEFAULT 5,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "quorumMet" BOOLEAN,
    "eligibleAtClose" INTEGER,
    "outcomeEn" TEXT NOT NULL DEFAULT '',
    "outcomeFr" TEXT NOT NULL DEFAULT '',
    "outcomeById" TEXT,
    "outcomeAt" TIMESTAMP(3),
    "scheduledMeetingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionOption" (
    "id" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "labelEn" TEXT NOT NULL DEFAULT '',
    "labelFr" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3),

    CONSTRAINT "DecisionOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionVote" (
    "decisionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DecisionVote_pkey" PRIMARY KEY ("decisionId","userId")
);

-- CreateTable
CREATE TABLE "DecisionVoter" (
    "decisionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "DecisionVoter_pkey" PRIMARY KEY ("decisionId","userId")
);

-- CreateTable
CREATE TABLE "DecisionTally" (
    "decisionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "points" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DecisionTally_pkey" PRIMARY KEY ("decisionId","key")
);

-- CreateTable
CREATE TABLE "DecisionReminder" (
    "decisionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionReminder_pkey" PRIMARY KEY ("decisionId","userId")
);

-- CreateIndex
CREATE INDEX "Decision_groupId_closedAt_idx" ON "Decision"("groupId", "closedAt");

-- CreateIndex
CREATE INDEX "Decision_closedAt_closesAt_idx" ON "Decision"("closedAt", "closesAt");

-- CreateIndex
CREATE INDEX "Decision_meetingId_idx" ON "Decision"("meetingId");

-- CreateIndex
CREATE INDEX "DecisionOption_decisionId_position_idx" ON "DecisionOption"("decisionId", "position");

-- CreateIndex
CREATE INDEX "MeetingActionItem_decisionId_idx" ON "MeetingActionItem"("decisionId");
