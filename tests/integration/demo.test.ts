// The demo community, seeded by the production server at start (PRAXIS_DEMO=1) from prisma/demo/:
// every part of Praxis has something to show, and the demo accounts sign in.
import { describe, expect, it, vi } from "vitest";
import { db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";

const praxis = usePraxis({ env: { PRAXIS_DEMO: "1", PRAXIS_DEMO_PASSWORD: "demo-password-for-tests" } });

describe("the demo community", () => {
  it("is seeded at start, with content in every part, and its accounts sign in", async () => {
    // Printed just after the "running at" line the harness waits for.
    await vi.waitFor(() => expect(praxis.server.logs.join("")).toContain("Demo community — every account's password: demo-password-for-tests"));
    expect(await db().user.count()).toBe(8);
    expect(await db().workingGroup.count()).toBe(3);
    expect(await db().thread.count()).toBeGreaterThan(0);
    expect(await db().libraryResource.count()).toBeGreaterThan(0);
    expect(await db().meeting.count()).toBeGreaterThan(0);
    expect(await db().checkIn.count({ where: { submittedAt: { not: null } } })).toBe(1);
    expect(await db().budgetLine.count()).toBeGreaterThan(0);
    expect(await db().applicationCall.count()).toBe(1);
    expect(await db().applicationReviewer.count()).toBe(2);
    expect(await db().decision.count({ where: { kind: "proposal" } })).toBeGreaterThan(0);
    expect(await db().decision.count({ where: { kind: "time-poll" } })).toBe(1);

    const coordinator = new Browserless(praxis.url);
    await coordinator.signIn("coordinator", "demo-password-for-tests");
    expect((await coordinator.get("/applications")).status).toBe(200);
    const member = new Browserless(praxis.url);
    await member.signIn("member.care", "demo-password-for-tests");
    expect((await member.get("/groups/rooting-care")).status).toBe(200);
    const decisions = await (await member.get("/groups/rooting-care/decisions")).text();
    expect(decisions).toContain("When should we hold the next care circle?");
    expect(decisions).toContain("Agreed: facilitation rotates monthly");
  });
});
