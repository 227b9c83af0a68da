// A published agenda or minutes: opens in the reader's language with a one-click switch to the
// other, prints cleanly, downloads as a standalone file. Read-mostly: ships no JavaScript.
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/meetings.$id.$text";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { getMeetingRow } from "~/domain/meeting-rows.server";
import {
  actionItemsForMeeting,
  isTextKind,
  isTextLanguage,
  markNoticesRead,
  meetingTextAccess,
  publishedVersion,
  versionList,
} from "~/domain/minutes.server";
import { parseCookies } from "~/infra/cookies.server";
import { chooseLanguage, LANGUAGE_COOKIE } from "~/infra/i18n";
import { MeetingTime } from "~/ui/meeting-time";
import { LocalTime } from "~/ui/time";
import { loadAsDocument, staticPage } from "~/ui/light-page";
import { decisionsForMeeting } from "~/domain/decisions/decisions.server";

// A published text: no app bundle and nothing live (see ui/light-page).
export const handle = staticPage;
export const clientLoader = loadAsDocument;

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  if (!isTextKind(params.text)) throw new Response("Not found", { status: 404 });
  const kind = params.text;
  const meeting = orNotFound(await getMeetingRow(params.id));
  const url = new URL(request.url);
  const requestedVersion = url.searchParams.get("v");
  const number = requestedVersion && /^\d{1,4}$/.test(requestedVersion) ? Number(requestedVersion) : undefined;
  const version = await publishedVersion(meeting.id, kind, number);
  if (!version) {
    // Not published yet: organisers and invitees can follow the draft; nobody else learns more.
    const access = await meetingTextAccess(user, meeting.id, kind);
    if (access !== "none" && number === undefined) throw new Response(null, { status: 303, headers: { Location: `/meetings/${meeting.id}/${kind}/edit` } });
    throw new Response("Not found", { status: 404 });
  }
  const requested = url.searchParams.get("lang") ?? "";
  const readerLanguage = chooseLanguage({
    memberPreference: user.locale,
    cookie: parseCookies(request.headers.get("cookie"))[LANGUAGE_COOKIE],
    acceptLanguage: request.headers.get("accept-language"),
  });
  const textLanguage = isTextLanguage(requested) ? requested : readerLanguage === "fr" ? "fr" : "en";
  const [versions, actionItems, decisions] = await Promise.all([
    versionList(meeting.id, kind),
    kind === "minutes" ? actionItemsForMeeting(meeting.id) : [],
    kind === "minutes" ? decisionsForMeeting(user, meeting.id) : [],
  ]);
  const unreadAfterMarking = await markNoticesRead(user.id, meeting.id, kind);
  const latestNumber = versions[0]?.number ?? version.number;
  return {
    /** After this text's notices were read: the app shell's badge shows this (see root). */
    unreadNotifications: unreadAfterMarking,
    kind,
    textLanguage,
    meeting: { id: meeting.id, titleEn: meeting.titleEn, titleFr: meeting.titleFr, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes },
    version: {
      number: version.number,
      publishedAt: version.publishedAt,
      changeNote: version.changeNote,
      html: textLanguage === "fr" ? version.htmlFr : version.htmlEn,
      isLatest: version.number === latestNumber,
    },
    versions,
    // Items agreed with a decision's outcome are listed under that decision.
    actionItems: actionItems.filter((item) => !item.decisionId).map((item) => ({ id: item.id, description: item.description, ownerName: item.ownerName, dueDate: item.dueDate, isDone: item.doneAt !== null })),
    decisions: decisions.filter((d) => d.closedAt),
  };
}

export default function PublishedText({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("meetings");
  const { meeting, version, kind, textLanguage } = loaderData;
  const other = textLanguage === "en" ? "fr" : "en";
  const versionQuery = version.isLatest ? "" : `&v=${version.number}`;
  const base = `/meetings/${meeting.id}/${kind}`;
  return (
    <article className="published">
      <header className="published__header">
        <p className="published__kicker no-print">
          <a href={`/meetings/${meeting.id}`}>{t("read.back")}</a>
        </p>
        <h1>
          {t(`texts.${kind}`)} — <span lang={textLanguage}>{localized(meeting, "title", textLanguage)}</span>
        </h1>
        <MeetingTime startsAt={meeting.startsAt} durationMinutes={meeting.durationMinutes} />
        <p className="muted small">
          {t("texts.version", { number: version.number })} · {t("read.publishedOn")} <LocalTime value={version.publishedAt} />
          {version.changeNote ? <> · {t("read.changeNote", { note: version.changeNote })}</> : null}
        </p>
        {!version.isLatest ? (
          <p className="alert" role="note">
            {t("read.olderVersion")} <a href={`${base}?lang=${textLanguage}`}>{t("read.latest")}</a>
          </p>
        ) : null}
        <nav className="row published__tools no-print" aria-label={t("read.tools")}>
          <a className="button" href={`${base}?lang=${other}${versionQuery}`} hrefLang={other} lang={other}>
            {t(`read.switchTo.${other}`)}
          </a>
          <a className="button button--quiet" href={`${base}/download?lang=${textLanguage}&v=${version.number}`} download>
            {t("read.download")}
          </a>
          <a className="button button--quiet" href={`${base}/download?lang=${textLanguage}&v=${version.number}&format=pdf`} download>
            {t("read.downloadPdf")}
          </a>
          <a className="button button--quiet" href={`${base}/download?lang=both&v=${version.number}&format=pdf`} download>
            {t("read.downloadPdfBoth")}
          </a>
        </nav>
      </header>

      <div className="published__body" lang={textLanguage} dangerouslySetInnerHTML={{ __html: version.html }} />

      {kind === "minutes" && loaderData.decisions.length ? (
        <section className="published__decisions" aria-labelledby="published-decisions">
          <h2 id="published-decisions">{t("decisions:minutes.heading")}</h2>
          {loaderData.decisions.map((decision) => (
            <div key={decision.id} data-decision={decision.id}>
              <h3 lang={textLanguage}>
                <a href={decision.href}>{localized(decision, "title", textLanguage)}</a>
              </h3>
              <p lang={textLanguage}>{localized(decision, "outcome", textLanguage) || t("decisions:outcome.pending")}</p>
              {decision.actionItems.length ? (
                <ul>
                  {decision.actionItems.map((item) => (
                    <li key={item.id}>
                      {item.description} — {item.ownerName}
                      {item.dueDate ? <> · {t("actions.due")} <LocalTime value={item.dueDate} options={{ dateStyle: "medium" }} /></> : null}
                      {item.doneAt ? <> · {t("actions.done")}</> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}

      {kind === "minutes" && loaderData.actionItems.length ? (
        <section className="published__actions" aria-labelledby="published-actions">
          <h2 id="published-actions">{t("actions.heading")}</h2>
          <ul>
            {loaderData.actionItems.map((item) => (
              <li key={item.id}>
                {item.description} — {item.ownerName}
                {item.dueDate ? <> · {t("actions.due")} <LocalTime value={item.dueDate} options={{ dateStyle: "medium" }} /></> : null}
                {item.isDone ? <> · {t("actions.done")}</> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {loaderData.versions.length > 1 ? (
        <footer className="published__versions no-print">
          <h2>{t("read.versions")}</h2>
          <ol reversed>
            {loaderData.versions.map((v) => (
              <li key={v.number}>
                {v.number === version.number ? (
                  <strong>{t("texts.version", { number: v.number })}</strong>
                ) : (
                  <a href={`${base}?lang=${textLanguage}&v=${v.number}`}>{t("texts.version", { number: v.number })}</a>
                )}{" "}
                <span className="muted small"><LocalTime value={v.publishedAt} options={{ dateStyle: "medium" }} />{v.changeNote ? ` — ${v.changeNote}` : ""}</span>
              </li>
            ))}
          </ol>
        </footer>
      ) : null}
    </article>
  );
}

export const meta: Route.MetaFunction = ({ data: loaderData }) => {
  if (!loaderData) return [{ title: "Praxis" }];
  return [{ title: `${localized(loaderData.meeting, "title", loaderData.textLanguage)} · Praxis` }];
};
