-- CreateTable
CREATE TABLE "MailReplyToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "InboundMailReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NotificationSetting" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "emailMode" TEXT NOT NULL DEFAULT 'daily',
    "includeContent" BOOLEAN NOT NULL DEFAULT false,
    "quietStart" INTEGER,
    "quietEnd" INTEGER,
    "restUntil" DATETIME,
    "preferenceToken" TEXT NOT NULL,
    "lastDigestAt" DATETIME,
    "emailConfirmedAt" DATETIME,
    "emailConfirmHash" TEXT,
    "mailingList" BOOLEAN NOT NULL DEFAULT false,
    "mailAttachmentsToLibrary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_NotificationSetting" ("createdAt", "email", "emailMode", "includeContent", "lastDigestAt", "preferenceToken", "quietEnd", "quietStart", "restUntil", "updatedAt", "userId") SELECT "createdAt", "email", "emailMode", "includeContent", "lastDigestAt", "preferenceToken", "quietEnd", "quietStart", "restUntil", "updatedAt", "userId" FROM "NotificationSetting";
DROP TABLE "NotificationSetting";
ALTER TABLE "new_NotificationSetting" RENAME TO "NotificationSetting";
CREATE UNIQUE INDEX "NotificationSetting_preferenceToken_key" ON "NotificationSetting"("preferenceToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MailReplyToken_tokenHash_key" ON "MailReplyToken"("tokenHash");

-- CreateIndex
CREATE INDEX "MailReplyToken_userId_idx" ON "MailReplyToken"("userId");

-- CreateIndex
CREATE INDEX "MailReplyToken_expiresAt_idx" ON "MailReplyToken"("expiresAt");

-- CreateIndex
CREATE INDEX "InboundMailReceipt_createdAt_idx" ON "InboundMailReceipt"("createdAt");
