-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "packKey" BYTEA;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateTable
CREATE TABLE "DeviceSettings" (
    "userId" TEXT NOT NULL,
    "packLimitBytes" INTEGER NOT NULL DEFAULT 5242880,
    "packBothLanguages" BOOLEAN NOT NULL DEFAULT false,
    "dataSaver" BOOLEAN,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "LibraryPin" (
    "userId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LibraryPin_pkey" PRIMARY KEY ("userId","resourceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Post_authorId_idempotencyKey_key" ON "Post"("authorId", "idempotencyKey");
