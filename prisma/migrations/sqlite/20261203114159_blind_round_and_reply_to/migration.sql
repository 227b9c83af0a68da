-- AlterTable
ALTER TABLE "ApplicationReview" ADD COLUMN "noConflictDeclaredAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApplicationCall" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "titleEn" TEXT NOT NULL,
    "titleFr" TEXT NOT NULL,
    "themesEn" TEXT NOT NULL,
    "themesFr" TEXT NOT NULL,
    "commitmentsEn" TEXT NOT NULL,
    "commitmentsFr" TEXT NOT NULL,
    "honorariumEn" TEXT NOT NULL,
    "honorariumFr" TEXT NOT NULL,
    "eligibilityEn" TEXT NOT NULL,
    "eligibilityFr" TEXT NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    "blindFirstRound" BOOLEAN NOT NULL DEFAULT false,
    "blindRoundClosedAt" DATETIME,
    "reviewersPerApplication" INTEGER NOT NULL DEFAULT 2,
    "interviewReplyTo" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ApplicationCall" ("closesAt", "commitmentsEn", "commitmentsFr", "createdAt", "eligibilityEn", "eligibilityFr", "honorariumEn", "honorariumFr", "id", "retentionDays", "themesEn", "themesFr", "titleEn", "titleFr", "updatedAt") SELECT "closesAt", "commitmentsEn", "commitmentsFr", "createdAt", "eligibilityEn", "eligibilityFr", "honorariumEn", "honorariumFr", "id", "retentionDays", "themesEn", "themesFr", "titleEn", "titleFr", "updatedAt" FROM "ApplicationCall";
DROP TABLE "ApplicationCall";
ALTER TABLE "new_ApplicationCall" RENAME TO "ApplicationCall";
CREATE INDEX "ApplicationCall_createdAt_idx" ON "ApplicationCall"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
