// Expenses as CSV for the finance team: one group (?group=<slug>) or every group the reader
// may see the budget of.
import type { Route } from "./+types/mel.expenses-csv";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { expensesCsv } from "~/domain/budget.server";
import * as budgetPolicy from "~/domain/policies/budget";
import { listGroupNames } from "~/domain/groups.server";
import { chooseLanguage, LANGUAGE_COOKIE } from "~/infra/i18n";
import { parseCookies } from "~/infra/cookies.server";
import { translatorFor } from "~/infra/i18n.server";
import { orRefused } from "~/web/results.server";
import { onlyRead } from "~/web/methods.server";

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const slug = new URL(request.url).searchParams.get("group");
  const all = await listGroupNames();
  // Without ?group, every group whose budget this reader follows.
  const groups = slug ? [orNotFound(all.find((g) => g.slug === slug))] : all.filter((g) => budgetPolicy.allow(user, "read", { groupId: g.id }));
  const language = chooseLanguage({
    memberPreference: user.locale,
    cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE],
    acceptLanguage: request.headers.get("accept-language"),
  });
  const t = await translatorFor(language);
  const csv = orRefused(await expensesCsv(
    user,
    groups.map((g) => ({ id: g.id, name: language === "fr" ? g.nameFr : g.nameEn })),
    {
      date: t("mel:csv.date"),
      group: t("mel:csv.group"),
      budgetLine: t("mel:csv.budgetLine"),
      category: t("mel:csv.category"),
      description: t("mel:csv.description"),
      amount: t("mel:csv.amount"),
      currency: t("mel:csv.currency"),
      recordedBy: t("mel:csv.recordedBy"),
      recordedAt: t("mel:csv.recordedAt"),
    },
  ));
  const filename = `praxis-expenses-${slug ?? "all"}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

export const action = onlyRead;
