-- CreateTable
CREATE TABLE "HonorariumSettings" (
    "id" TEXT NOT NULL,
    "instalmentsPerYear" INTEGER NOT NULL DEFAULT 12,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HonorariumSettings_pkey" PRIMARY KEY ("id")
);
