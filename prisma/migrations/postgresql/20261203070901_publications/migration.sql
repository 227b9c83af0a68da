-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "unlistedKeyHash" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unpublishedAt" TIMESTAMP(3),
    "unpublishedById" TEXT,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationVersion" (
    "id" TEXT NOT NULL,
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
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" TIMESTAMP(3),

    CONSTRAINT "PublicationVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationApproval" (
    "versionId" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicationApproval_pkey" PRIMARY KEY ("versionId","slot")
);

-- CreateTable
CREATE TABLE "PublicationHitAcceptance" (
    "versionId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "acceptedById" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicationHitAcceptance_pkey" PRIMARY KEY ("versionId","language","key")
);

-- CreateTable
CREATE TABLE "PublicationConsent" (
    "publicationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicationConsent_pkey" PRIMARY KEY ("publicationId","userId")
);

-- CreateTable
CREATE TABLE "PublicationSettings" (
    "id" TEXT NOT NULL,
    "requireMelApproval" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Publication_slug_key" ON "Publication"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_unlistedKeyHash_key" ON "Publication"("unlistedKeyHash");

-- CreateIndex
CREATE INDEX "Publication_groupId_createdAt_idx" ON "Publication"("groupId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationVersion_publicationId_number_key" ON "PublicationVersion"("publicationId", "number");

-- AddForeignKey
ALTER TABLE "PublicationVersion" ADD CONSTRAINT "PublicationVersion_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationApproval" ADD CONSTRAINT "PublicationApproval_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PublicationVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationHitAcceptance" ADD CONSTRAINT "PublicationHitAcceptance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PublicationVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationConsent" ADD CONSTRAINT "PublicationConsent_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;
