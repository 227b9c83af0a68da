-- CreateTable
CREATE TABLE "MeetingTextStatus" (
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "baseline" TEXT NOT NULL DEFAULT '{}',
    "markedById" TEXT,
    "markedAt" DATETIME,

    PRIMARY KEY ("meetingId", "kind", "language")
);

-- CreateTable
CREATE TABLE "MeetingTextVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "htmlEn" TEXT NOT NULL,
    "htmlFr" TEXT NOT NULL,
    "changeNote" TEXT NOT NULL DEFAULT '',
    "publishedById" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MeetingActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "groupId" TEXT,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" DATETIME,
    "doneAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MeetingSeriesEntry" (
    "meetingId" TEXT NOT NULL PRIMARY KEY,
    "seriesId" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "MeetingNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME
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
