-- CreateTable
CREATE TABLE "HonorariumSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instalmentsPerYear" INTEGER NOT NULL DEFAULT 12,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
