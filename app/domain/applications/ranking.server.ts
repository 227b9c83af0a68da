// The coordinator's overview of a call: applications ranked by the committee's scores, and the
// balance (regions, groups, languages) of the shortlist, of those accepted and of everyone who applied.
import { db } from "~/infra/db.server";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { ok, refuse } from "../result";
import { getCurrentCallSettings } from "./call.server";
import { REGIONS, SHORTLIST_STAGES } from "./model";
import { committeeIds } from "./reviewers.server";
import { eligibilityFlags, meanOf, reviewersOf, reviewMean, reviewSelect } from "./scores";

export interface BalanceFigures {
  total: number;
  regions: Record<string, number>;
  groups: Record<string, number>;
  languages: Record<string, number>;
}

function balanceOf(rows: Array<{ region: string; preferredGroupId: string | null; decidedGroupId: string | null; workingLanguages: string }>): BalanceFigures {
  const figures: BalanceFigures = { total: rows.length, regions: {}, groups: {}, languages: { en: 0, fr: 0 } };
  for (const region of REGIONS) figures.regions[region] = 0;
  for (const row of rows) {
    if (row.region) figures.regions[row.region] = (figures.regions[row.region] ?? 0) + 1;
    const group = row.decidedGroupId ?? row.preferredGroupId;
    if (group) figures.groups[group] = (figures.groups[group] ?? 0) + 1;
    // "both" counts for each language: the figure answers "how many can work in French?".
    if (row.workingLanguages === "en" || row.workingLanguages === "both") figures.languages.en += 1;
    if (row.workingLanguages === "fr" || row.workingLanguages === "both") figures.languages.fr += 1;
  }
  return figures;
}

/**
 * Every submitted application of the current call, ranked by mean score (the mean of each
 * reviewer's mean over the criteria), with the balance of the shortlist and of all applicants.
 * Erased applications keep their region, group, languages, stage and scores, so they still
 * count in the figures and the ranking, without anything personal.
 */
export async function rankApplications(actor: Actor) {
  if (!applicationsPolicy.allow(actor, "manage")) return refuse.forbidden();
  const call = await getCurrentCallSettings();
  if (!call) return ok({ call: null, ranked: [], shortlist: balanceOf([]), accepted: balanceOf([]), all: balanceOf([]), shortOfReviewers: 0 });
  const committee = await committeeIds();
  const rows = await db().application.findMany({
    where: { callId: call.id, stage: { not: "draft" } },
    select: {
      id: true, reference: true, stage: true, name: true, region: true, country: true, preferredGroupId: true, decidedGroupId: true,
      workingLanguages: true, language: true, notAdvisoryMember: true, notAllianceStaff: true, notPreviousCop: true, submittedAt: true,
      interviewAt: true, decidedAt: true, outcomeSentAt: true, erasedAt: true,
      reviews: { select: reviewSelect },
    },
  });
  const ranked = rows
    .map((row) => {
      const means = row.reviews.map(reviewMean);
      const { reviews, ...rest } = row;
      const reviewers = reviewersOf(committee, reviews);
      return {
        ...rest,
        mean: meanOf(means),
        reviewCount: means.filter((m) => m !== null).length,
        recusedCount: reviews.filter((r) => r.conflictDeclaredAt).length,
        reviewers,
        // A recusal (or a small committee) left it fewer reviewers than the call asks for.
        needsReviewer: !row.erasedAt && row.stage !== "accepted" && row.stage !== "declined" && reviewers < call.reviewersPerApplication,
        flags: eligibilityFlags(row),
      };
    })
    .sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  const shortlist = rows.filter((row) => (SHORTLIST_STAGES as readonly string[]).includes(row.stage));
  // Who was finally taken, beside the shortlist: the balance that the CoP will actually have.
  const accepted = rows.filter((row) => row.stage === "accepted");
  return ok({ call, ranked, shortlist: balanceOf(shortlist), accepted: balanceOf(accepted), all: balanceOf(rows), shortOfReviewers: ranked.filter((r) => r.needsReviewer).length });
}
