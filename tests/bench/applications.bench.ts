// Applications under a realistic call: how fast the public form answers (submissions over HTTP,
// as a browser without JavaScript posts them), how heavy /apply is for a phone, and how long the
// coordinator's ranking takes with every application scored by three reviewers.
import { createHmac } from "node:crypto";
import { gzipSync } from "node:zlib";
import { createTestDatabase } from "../support/database";
import { startPraxisProcess } from "../support/server";

const SECRET = "bench-application-form-secret-0123456789";
const APPLICATIONS = 300;
const REVIEWERS = 3;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function run(): Promise<void> {
  const database = await createTestDatabase("sqlite");
  process.env.DATABASE_URL = database.url;
  const server = await startPraxisProcess({ DATABASE_URL: database.url, APPLICATION_FORM_SECRET: SECRET, APPLICATION_SUBMISSIONS_PER_HOUR: "100000", TRUST_PROXY: "1" });
  try {
    const { seedCall } = await import("../../prisma/demo/application-call");
    const { submitReview } = await import("~/domain/applications/review.server");
    const { rankApplications } = await import("~/domain/applications/ranking.server");
    const { createMember, createCoordinator, groupIdFor, db } = await import("../factories");
    const coordinator = await createCoordinator();
    const reviewers = await Promise.all(Array.from({ length: REVIEWERS }, () => createMember({ group: null })));
    await seedCall(
      { titleEn: "Call", titleFr: "Appel", themesEn: "Themes", themesFr: "Thèmes", commitmentsEn: "", commitmentsFr: "", honorariumEn: "", honorariumFr: "", eligibilityEn: "", eligibilityFr: "", closesAt: new Date(Date.now() + 86_400_000), retentionDays: 90 },
      coordinator.id,
      reviewers.map((r) => r.id),
    );
    const groups = await Promise.all(["rooting-care", "practising-accountability", "strengthening-collaboration"].map(groupIdFor));

    const page = await fetch(`${server.url}/apply`);
    const html = await page.text();
    process.stdout.write(`/apply HTML: ${(html.length / 1024).toFixed(1)} KB, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped\n`);

    const latencies: number[] = [];
    const time = Date.now() - 60_000;
    const stamp = `${time}.${createHmac("sha256", SECRET).update(`apply:${time}`).digest("base64url")}`;
    const regions = ["africa", "asia", "latin-america-caribbean"];
    for (let i = 0; i < APPLICATIONS; i++) {
      const body = new URLSearchParams({
        stamp, website: "", intent: "submit", name: `Applicant ${i}`, contact: `applicant${i}@example.org`, country: "Somewhere",
        region: regions[i % 3], organisation: "", experience: "x".repeat(1500), motivation: "y".repeat(1500), learningGoals: "z".repeat(1000),
        preferredGroupId: groups[i % 3], workingLanguages: ["en", "fr", "both"][i % 3], capacity: "yes", capacityNote: "",
        notAdvisoryMember: "confirm", notAllianceStaff: "confirm", notPreviousCop: "confirm", conflictOfInterest: "",
      });
      const started = performance.now();
      const response = await fetch(`${server.url}/apply`, { method: "POST", redirect: "manual", body, headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.0.${i >> 8}.${i & 255}` } });
      latencies.push(performance.now() - started);
      if (response.status !== 303) throw new Error(`submission ${i} answered ${response.status}`);
    }
    process.stdout.write(`submit (${APPLICATIONS}, sequential, each checked for duplicates): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms\n`);

    const ids = (await db().application.findMany({ select: { id: true } })).map((a) => a.id);
    for (const reviewer of reviewers) {
      const actor = { id: reviewer.id, role: "member", memberships: [] };
      for (const [index, id] of ids.entries()) {
        const score = 1 + ((index + reviewer.id.length) % 5);
        await submitReview(actor, id, { experience: score, motivation: score, regularity: score, goals: score, balance: score, languages: score, notes: "" });
      }
    }
    const actor = { id: coordinator.id, role: "coordinator", memberships: [] };
    const rankTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await rankApplications(actor);
      rankTimes.push(performance.now() - started);
    }
    process.stdout.write(`rankApplications (${ids.length} applications × ${REVIEWERS} reviews): p50 ${percentile(rankTimes, 50).toFixed(1)} ms\n`);

    const login = await fetch(`${server.url}/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ username: coordinator.username, password: coordinator.password }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const pageTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/applications`, { headers: { cookie } });
      bytes = (await response.text()).length;
      pageTimes.push(performance.now() - started);
    }
    process.stdout.write(`GET /applications (ranked list + balance): p50 ${percentile(pageTimes, 50).toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KB HTML\n`);
    const { disconnectDb } = await import("~/infra/db.server");
    await disconnectDb();
  } catch (error) {
    process.stdout.write(server.logs.join("").slice(-3000));
    throw error;
  } finally {
    await server.stop();
    await database.drop();
  }
}
