-- AlterTable
ALTER TABLE "DataExport" ADD COLUMN "leaseUntil" DATETIME;
