-- AlterTable
ALTER TABLE "DataExport" ADD COLUMN     "fileHash" TEXT,
ADD COLUMN     "sealKey" TEXT;

-- Exports prepared before this change sit on one instance's disk, which the new code no longer reads: they expire (the member can ask again).
UPDATE "DataExport" SET "status" = 'expired' WHERE "status" = 'ready';
