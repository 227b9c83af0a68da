-- CreateTable
CREATE TABLE "MeetingTextStatus" (
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "baseline" TEXT NOT NULL DEFAULT '{}',
    "markedById" TEXT,
    "markedAt" TIMESTAMP(3),

    CONSTRAINT "MeetingTextStatus_pkey" PRIMARY KEY ("meetingId","kind","language")
);

-- CreateTable
CREATE TABLE "MeetingTextVersion" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "htmlEn" TEXT NOT NULL,
    "htmlFr" TEXT NOT NULL,
    "changeNote" TEXT NOT NULL DEFAULT '',
    "publishedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingTextVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingActionItem" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "groupId" TEXT,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "MeetingSeriesEntry" (
    "meetingId" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "MeetingSeriesEntry_pkey" PRIMARY KEY ("meetingId")
);

-- CreateTable
CREATE TABLE "MeetingNotice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "MeetingNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeetingTextVersion_kind_publishedAt_idx" ON "MeetingTextVersion"("kind", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingTextVersion_meetingId_kind_number_key" ON "MeetingTextVersion"("meetingId", "kind", "number");

-- CreateIndex
CREATE INDEX "MeetingActionItem_ownerId_doneAt_idx" ON "MeetingActionItem"("ownerId", "doneAt");

-- CreateIndex
CREATE INDEX "MeetingActionItem_groupId_doneAt_idx" ON "MeetingActionItem"("groupId", "doneAt");

-- CreateIndex
CREATE INDEX "MeetingActionItem_meetingId_idx" ON "MeetingActionItem"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "MeetingSeriesEntry_seriesId_position_idx" ON "MeetingSeriesEntry"("seriesId", "position");

-- CreateIndex
CREATE INDEX "MeetingNotice_userId_createdAt_idx" ON "MeetingNotice"("userId", "createdAt");
