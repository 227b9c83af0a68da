-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Expense" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "budgetLineId" TEXT NOT NULL,
    "budgetLineItem" TEXT NOT NULL DEFAULT '',
    "budgetLineCategory" TEXT NOT NULL DEFAULT '',
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "spentOn" DATETIME NOT NULL,
    "description" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "receiptHash" TEXT,
    "receiptMime" TEXT,
    "receiptName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Expense" ("amountCents", "budgetLineId", "createdAt", "currency", "description", "groupId", "id", "receiptHash", "receiptMime", "receiptName", "recordedById", "spentOn") SELECT "amountCents", "budgetLineId", "createdAt", "currency", "description", "groupId", "id", "receiptHash", "receiptMime", "receiptName", "recordedById", "spentOn" FROM "Expense";
DROP TABLE "Expense";
ALTER TABLE "new_Expense" RENAME TO "Expense";
CREATE INDEX "Expense_groupId_spentOn_idx" ON "Expense"("groupId", "spentOn");
CREATE INDEX "Expense_budgetLineId_idx" ON "Expense"("budgetLineId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing expenses take the name and category of the line they were recorded on.
UPDATE "Expense" SET
  "budgetLineItem" = COALESCE((SELECT "item" FROM "BudgetLine" WHERE "BudgetLine"."id" = "Expense"."budgetLineId"), ''),
  "budgetLineCategory" = COALESCE((SELECT "category" FROM "BudgetLine" WHERE "BudgetLine"."id" = "Expense"."budgetLineId"), '');
