-- CreateTable
CREATE TABLE "AccountErasure" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "undoHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "finalAfter" DATETIME NOT NULL,
    "auditRef" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "DataExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "size" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "downloadedAt" DATETIME
);

-- CreateTable
CREATE TABLE "DocumentContributor" (
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "firstAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("documentId", "userId")
);

-- AlterTable
-- Written by hand instead of the engine's table rebuild: dropping "User" inside the migration's
-- transaction (where PRAGMA foreign_keys cannot be turned off) would cascade to every child row.
ALTER TABLE "User" ADD COLUMN "isFormerMember" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "AccountErasure_undoHash_key" ON "AccountErasure"("undoHash");

-- CreateIndex
CREATE INDEX "AccountErasure_finalAfter_idx" ON "AccountErasure"("finalAfter");

-- CreateIndex
CREATE INDEX "DataExport_userId_createdAt_idx" ON "DataExport"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "DataExport_status_idx" ON "DataExport"("status");

-- CreateIndex
CREATE INDEX "DocumentContributor_userId_idx" ON "DocumentContributor"("userId");
