-- AlterTable
ALTER TABLE "Session" ADD COLUMN "packKey" BLOB;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN "idempotencyKey" TEXT;

-- CreateTable
CREATE TABLE "DeviceSettings" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "packLimitBytes" INTEGER NOT NULL DEFAULT 5242880,
    "packBothLanguages" BOOLEAN NOT NULL DEFAULT false,
    "dataSaver" BOOLEAN,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LibraryPin" (
    "userId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "resourceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Post_authorId_idempotencyKey_key" ON "Post"("authorId", "idempotencyKey");
