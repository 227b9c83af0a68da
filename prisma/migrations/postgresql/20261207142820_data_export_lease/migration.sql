-- AlterTable
ALTER TABLE "DataExport" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
