-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "unlistedKeyHash" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unpublishedAt" DATETIME,
    "unpublishedById" TEXT
);

-- CreateTable
CREATE TABLE "PublicationVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "titleEn" TEXT NOT NULL,
    "titleFr" TEXT NOT NULL,
    "summaryEn" TEXT NOT NULL,
    "summaryFr" TEXT NOT NULL,
    "authorshipEn" TEXT NOT NULL,
    "authorshipFr" TEXT NOT NULL,
    "licence" TEXT NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "htmlEn" TEXT NOT NULL,
    "htmlFr" TEXT NOT NULL,
    "sources" TEXT NOT NULL DEFAULT '[]',
    "baselineEn" TEXT NOT NULL DEFAULT '{}',
    "baselineFr" TEXT NOT NULL DEFAULT '{}',
    "coverHash" TEXT,
    "coverMime" TEXT,
    "coverAltEn" TEXT NOT NULL DEFAULT '',
    "coverAltFr" TEXT NOT NULL DEFAULT '',
    "changeNote" TEXT NOT NULL DEFAULT '',
    "proposedById" TEXT NOT NULL,
    "proposedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" DATETIME,
    CONSTRAINT "PublicationVersion_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicationApproval" (
    "versionId" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("versionId", "slot"),
    CONSTRAINT "PublicationApproval_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PublicationVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicationHitAcceptance" (
    "versionId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "acceptedById" TEXT NOT NULL,
    "acceptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("versionId", "language", "key"),
    CONSTRAINT "PublicationHitAcceptance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PublicationVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicationConsent" (
    "publicationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("publicationId", "userId"),
    CONSTRAINT "PublicationConsent_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicationSettings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requireMelApproval" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Publication_slug_key" ON "Publication"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_unlistedKeyHash_key" ON "Publication"("unlistedKeyHash");

-- CreateIndex
CREATE INDEX "Publication_groupId_createdAt_idx" ON "Publication"("groupId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationVersion_publicationId_number_key" ON "PublicationVersion"("publicationId", "number");
