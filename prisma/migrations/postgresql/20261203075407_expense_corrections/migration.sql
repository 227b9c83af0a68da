-- AlterTable
ALTER TABLE "Expense" ADD COLUMN     "correctsId" TEXT;
