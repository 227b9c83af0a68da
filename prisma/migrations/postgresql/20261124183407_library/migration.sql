-- CreateTable
CREATE TABLE "LibraryResource" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LibraryResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LibraryShareLink" (
    "id" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "LibraryShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LibraryCollection" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LibraryCollection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LibraryCollectionItem" (
    "collectionId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LibraryCollectionItem_pkey" PRIMARY KEY ("collectionId","resourceId")
);

-- CreateTable
CREATE TABLE "LibraryQuestionLink" (
    "resourceId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "questionNumber" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LibraryQuestionLink_pkey" PRIMARY KEY ("resourceId","groupId","questionNumber")
);

-- CreateTable
CREATE TABLE "LibrarySettings" (
    "id" TEXT NOT NULL,
    "maxUploadBytes" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LibrarySettings_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "LibraryResource" ADD CONSTRAINT "LibraryResource_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryShareLink" ADD CONSTRAINT "LibraryShareLink_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "LibraryResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryCollectionItem" ADD CONSTRAINT "LibraryCollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "LibraryCollection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryCollectionItem" ADD CONSTRAINT "LibraryCollectionItem_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "LibraryResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LibraryQuestionLink" ADD CONSTRAINT "LibraryQuestionLink_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "LibraryResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
