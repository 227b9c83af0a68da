-- AlterTable
ALTER TABLE "NotificationSetting" ADD COLUMN     "emailConfirmHash" TEXT,
ADD COLUMN     "emailConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "mailAttachmentsToLibrary" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mailingList" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "MailReplyToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "MailReplyToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMailReceipt" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMailReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailReplyToken_tokenHash_key" ON "MailReplyToken"("tokenHash");

-- CreateIndex
CREATE INDEX "MailReplyToken_userId_idx" ON "MailReplyToken"("userId");

-- CreateIndex
CREATE INDEX "MailReplyToken_expiresAt_idx" ON "MailReplyToken"("expiresAt");

-- CreateIndex
CREATE INDEX "InboundMailReceipt_createdAt_idx" ON "InboundMailReceipt"("createdAt");
