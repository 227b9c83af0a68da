// MEL under a heavy year: three groups, 60 budget lines and 15,000 expenses. Measures
// recording expenses through the domain (with their audit entries), the dashboard, a group's
// MEL page and the CSV export for finance, against a real server.
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "../support/database";
import { startPraxisProcess } from "../support/server";
import { Browserless } from "../support/http";

const EXPENSES = 15_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(browser: Browserless, path: string, runs = 15): Promise<{ ms: number; bytes: number }> {
  const timings: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await browser.get(path);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    bytes = (await response.arrayBuffer()).byteLength;
    timings.push(performance.now() - started);
  }
  return { ms: median(timings), bytes };
}

export async function run(): Promise<void> {
  const database = await createTestDatabase(process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite");
  process.env.DATABASE_URL = database.url;
  const server = await startPraxisProcess({ DATABASE_URL: database.url });
  try {
    const { createCoordinator, createMember, db, groupIdFor } = await import("../factories");
    const { createBudgetLine } = await import("../../prisma/demo/builders");
    const { recordExpense } = await import("~/domain/budget.server");
    const { newId } = await import("~/infra/ids.server");

    const coordinator = await createCoordinator();
    const lead = await createMember({ group: "rooting-care", lead: true });
    const leadActor = await db().user.findUniqueOrThrow({ where: { id: lead.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
    const lines: Array<{ id: string; groupId: string }> = [];
    for (const slug of ["rooting-care", "practising-accountability", "strengthening-collaboration"]) {
      const groupId = await groupIdFor(slug);
      for (let i = 0; i < 20; i++) lines.push({ ...(await createBudgetLine(groupId, { item: `Line ${i}, «${slug}»`, category: `Category ${i % 5}`, amountCents: 500_000, position: i })), groupId });
    }

    // Through the domain: validation, the expense and its audit entry in one transaction.
    const careLines = lines.filter((l) => l.groupId === leadActor.memberships[0].groupId);
    const recordRuns = 300;
    const started = performance.now();
    for (let i = 0; i < recordRuns; i++) {
      const result = await recordExpense(leadActor, careLines[i % careLines.length].groupId, { budgetLineId: careLines[i % careLines.length].id, amount: "12,34", spentOn: "2026-10-01", description: `Expense ${i}, "quoted"` });
      if (!result.ok) throw new Error(result.error);
    }
    const recordMs = (performance.now() - started) / recordRuns;

    // The rest in bulk, straight into the table: the reads are what is measured next.
    const rows = Array.from({ length: EXPENSES - recordRuns }, (_, i) => {
      const line = lines[i % lines.length];
      return { id: newId(), groupId: line.groupId, budgetLineId: line.id, amountCents: 1_000 + (i % 9_000), currency: "EUR", spentOn: new Date(Date.UTC(2026, i % 12, 1 + (i % 28))), description: `Dépense n° ${i}`, recordedById: lead.id };
    });
    for (let i = 0; i < rows.length; i += 1_000) await db().expense.createMany({ data: rows.slice(i, i + 1_000) });

    const browser = new Browserless(server.url);
    await browser.signIn(coordinator.username, coordinator.password);
    const dashboard = await time(browser, "/mel");
    const group = await time(browser, "/mel/groups/rooting-care");
    const csv = await time(browser, "/mel/expenses.csv", 5);

    console.log(`database: ${database.kind}; ${EXPENSES} expenses on ${lines.length} budget lines in 3 groups`);
    console.log(`record an expense (domain, with audit entry): ${recordMs.toFixed(1)} ms each`);
    console.log(`GET /mel (dashboard, 3 groups):               median ${dashboard.ms.toFixed(0)} ms, ${(dashboard.bytes / 1024).toFixed(0)} KB`);
    console.log(`GET /mel/groups/rooting-care (latest 100):    median ${group.ms.toFixed(0)} ms, ${(group.bytes / 1024).toFixed(0)} KB`);
    console.log(`GET /mel/expenses.csv (all ${EXPENSES}):         median ${csv.ms.toFixed(0)} ms, ${(csv.bytes / 1024).toFixed(0)} KB`);
  } finally {
    await server.stop();
    const { disconnectDb } = await import("~/infra/db.server");
    await disconnectDb();
    await database.drop();
  }
}
