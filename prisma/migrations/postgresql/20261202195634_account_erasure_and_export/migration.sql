-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isFormerMember" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AccountErasure" (
    "userId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "undoHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "finalAfter" TIMESTAMP(3) NOT NULL,
    "auditRef" TEXT NOT NULL,

    CONSTRAINT "AccountErasure_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "DataExport" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "size" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "downloadedAt" TIMESTAMP(3),

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentContributor" (
    "documentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentContributor_pkey" PRIMARY KEY ("documentId","userId")
);

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
