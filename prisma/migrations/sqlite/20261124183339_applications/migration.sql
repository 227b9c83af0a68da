-- CreateTable
CREATE TABLE "ApplicationCall" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "interviewAt" DATETIME,
    "interviewMinutes" INTEGER,
    "interviewTimeZone" TEXT,
    "interviewUrl" TEXT NOT NULL DEFAULT '',
    "decidedAt" DATETIME,
    "decidedGroupId" TEXT,
    "outcomeSentAt" DATETIME,
    "invitationId" TEXT,
    "sealedInvitation" TEXT NOT NULL DEFAULT '',
    "erasedAt" DATETIME,
    CONSTRAINT "Application_callId_fkey" FOREIGN KEY ("callId") REFERENCES "ApplicationCall" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApplicationReviewer" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "appointedById" TEXT NOT NULL,
    "appointedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "conflictDeclaredAt" DATETIME,
    "submittedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("applicationId", "reviewerId"),
    CONSTRAINT "ApplicationReview_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
