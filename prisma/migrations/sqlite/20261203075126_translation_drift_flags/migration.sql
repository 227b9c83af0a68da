-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MeetingTextStatus" (
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "baseline" TEXT NOT NULL DEFAULT '{}',
    "ownBaseline" TEXT NOT NULL DEFAULT '{}',
    "flags" TEXT NOT NULL DEFAULT '{}',
    "history" TEXT NOT NULL DEFAULT '[]',
    "markedById" TEXT,
    "markedAt" DATETIME,

    PRIMARY KEY ("meetingId", "kind", "language")
);
INSERT INTO "new_MeetingTextStatus" ("baseline", "kind", "language", "markedAt", "markedById", "meetingId", "status") SELECT "baseline", "kind", "language", "markedAt", "markedById", "meetingId", "status" FROM "MeetingTextStatus";
DROP TABLE "MeetingTextStatus";
ALTER TABLE "new_MeetingTextStatus" RENAME TO "MeetingTextStatus";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
