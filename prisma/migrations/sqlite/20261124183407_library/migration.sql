-- CreateTable
CREATE TABLE "LibraryResource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "themes" TEXT NOT NULL DEFAULT ' ',
    "tags" TEXT NOT NULL DEFAULT '',
    "url" TEXT,
    "fileHash" TEXT,
    "fileSize" INTEGER,
    "fileMime" TEXT,
    "fileName" TEXT,
    "uncleaned" TEXT NOT NULL DEFAULT '[]',
    "bodyText" TEXT NOT NULL DEFAULT '',
    "visibility" TEXT NOT NULL DEFAULT 'community',
    "groupId" TEXT,
    "isShareable" BOOLEAN NOT NULL DEFAULT false,
    "addedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LibraryResource_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LibraryShareLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "resourceId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "LibraryShareLink_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "LibraryResource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LibraryCollection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LibraryCollectionItem" (
    "collectionId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("collectionId", "resourceId"),
    CONSTRAINT "LibraryCollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "LibraryCollection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LibraryCollectionItem_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "LibraryResource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LibraryQuestionLink" (
    "resourceId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "questionNumber" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("resourceId", "groupId", "questionNumber"),
    CONSTRAINT "LibraryQuestionLink_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "LibraryResource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LibrarySettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "maxUploadBytes" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LibraryResource_createdAt_idx" ON "LibraryResource"("createdAt");

-- CreateIndex
CREATE INDEX "LibraryResource_addedById_idx" ON "LibraryResource"("addedById");

-- CreateIndex
CREATE INDEX "LibraryResource_fileHash_idx" ON "LibraryResource"("fileHash");

-- CreateIndex
CREATE UNIQUE INDEX "LibraryShareLink_tokenHash_key" ON "LibraryShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "LibraryShareLink_resourceId_idx" ON "LibraryShareLink"("resourceId");

-- CreateIndex
CREATE INDEX "LibraryCollection_groupId_idx" ON "LibraryCollection"("groupId");

-- CreateIndex
CREATE INDEX "LibraryCollectionItem_resourceId_idx" ON "LibraryCollectionItem"("resourceId");

-- CreateIndex
CREATE INDEX "LibraryQuestionLink_groupId_questionNumber_idx" ON "LibraryQuestionLink"("groupId", "questionNumber");
