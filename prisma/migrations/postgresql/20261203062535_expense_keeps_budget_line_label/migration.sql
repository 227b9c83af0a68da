-- AlterTable
ALTER TABLE "Expense" ADD COLUMN     "budgetLineCategory" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "budgetLineItem" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Expense_budgetLineId_idx" ON "Expense"("budgetLineId");

-- Existing expenses take the name and category of the line they were recorded on.
UPDATE "Expense" SET
  "budgetLineItem" = COALESCE((SELECT "item" FROM "BudgetLine" WHERE "BudgetLine"."id" = "Expense"."budgetLineId"), ''),
  "budgetLineCategory" = COALESCE((SELECT "category" FROM "BudgetLine" WHERE "BudgetLine"."id" = "Expense"."budgetLineId"), '');
