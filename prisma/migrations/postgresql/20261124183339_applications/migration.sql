-- CreateTable
CREATE TABLE "ApplicationCall" (
    "id" TEXT NOT NULL,
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
    "closesAt" TIMESTAMP(3) NOT NULL,
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "tokenHash" TEXT,
    "sealKey" TEXT NOT NULL DEFAULT '',
    "stage" TEXT NOT NULL DEFAULT 'draft',
    "language" TEXT NOT NULL DEFAULT 'en',
    "name" TEXT NOT NULL DEFAULT '',
    "contact" TEXT NOT NULL DEFAULT '',
    "country" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "organisation" TEXT NOT NULL DEFAULT '',
    "experience" TEXT NOT NULL DEFAULT '',
    "motivation" TEXT NOT NULL DEFAULT '',
    "learningGoals" TEXT NOT NULL DEFAULT '',
    "preferredGroupId" TEXT,
    "workingLanguages" TEXT NOT NULL DEFAULT '',
    "capacity" TEXT NOT NULL DEFAULT '',
    "capacityNote" TEXT NOT NULL DEFAULT '',
    "notAdvisoryMember" BOOLEAN,
    "notAllianceStaff" BOOLEAN,
    "notPreviousCop" BOOLEAN,
    "conflictOfInterest" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "interviewAt" TIMESTAMP(3),
    "interviewMinutes" INTEGER,
    "interviewTimeZone" TEXT,
    "interviewUrl" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMP(3),
    "decidedGroupId" TEXT,
    "outcomeSentAt" TIMESTAMP(3),
    "invitationId" TEXT,
    "sealedInvitation" TEXT NOT NULL DEFAULT '',
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationReviewer" (
    "userId" TEXT NOT NULL,
    "appointedById" TEXT NOT NULL,
    "appointedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationReviewer_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ApplicationReview" (
    "applicationId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "scoreExperience" INTEGER,
    "scoreMotivation" INTEGER,
    "scoreRegularity" INTEGER,
    "scoreGoals" INTEGER,
    "scoreBalance" INTEGER,
    "scoreLanguages" INTEGER,
    "notes" TEXT NOT NULL DEFAULT '',
    "conflictDeclaredAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApplicationReview_pkey" PRIMARY KEY ("applicationId","reviewerId")
);

-- CreateIndex
CREATE INDEX "ApplicationCall_createdAt_idx" ON "ApplicationCall"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_reference_key" ON "Application"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Application_tokenHash_key" ON "Application"("tokenHash");

-- CreateIndex
CREATE INDEX "Application_callId_stage_idx" ON "Application"("callId", "stage");

-- CreateIndex
CREATE INDEX "Application_decidedAt_idx" ON "Application"("decidedAt");

-- CreateIndex
CREATE INDEX "ApplicationReview_reviewerId_idx" ON "ApplicationReview"("reviewerId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_callId_fkey" FOREIGN KEY ("callId") REFERENCES "ApplicationCall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationReview" ADD CONSTRAINT "ApplicationReview_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
