import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/notifications";
import { requireViewer } from "~/web/auth.server";
import { disownSignIn, getNotificationSettings, listNotifications, markNotificationsRead } from "~/domain/notifications.server";
import { orRefused } from "~/web/results.server";
import { localized } from "~/domain/bilingual";
import { isWorkNoticeKind } from "~/domain/policies/notifications";
import { DateOnly } from "~/ui/mel";
import { text } from "~/ui/forms";
import { liveStrings } from "~/ui/live-strings";
import { EmptyState, PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";
import { lightPage, loadAsDocument } from "~/ui/light-page";

// Read pages ship no app bundle (see ui/light-page).
export const handle = lightPage;
export const clientLoader = loadAsDocument;

export async function loader({ request }: Route.LoaderArgs) {
  const { user, session } = await requireViewer(request);
  const [notifications, settings] = await Promise.all([listNotifications(user), getNotificationSettings(user.id)]);
  return { notifications, restUntil: settings.isResting ? settings.restUntil : null, currentSessionId: session.id };
}

export async function action({ request }: Route.ActionArgs) {
  const { user, session } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "not-me") {
    // That session ends now; changing the password (next) ends every other one too.
    orRefused(await disownSignIn(user, text(form, "id"), session.id));
    throw redirect("/settings?notMe=1#password-heading", { status: 303 });
  }
  if (intent === "read-all") await markNotificationsRead(user.id, "all");
  else if (intent === "read") await markNotificationsRead(user.id, [text(form, "id")]);
  return { ok: true };
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("notifications");
  const unread = loaderData.notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      {/* The live island offers "new notifications — show" here as they arrive. */}
      <div data-live-notifications data-strings={liveStrings(i18n, { arrived: "notifications:arrived" })}>
        <div aria-live="polite" data-live-region />
      </div>
      {loaderData.restUntil ? (
        <p className="callout">
          {t("restingNote")} <LocalTime value={loaderData.restUntil} options={{ dateStyle: "long" }} />. <Link to="/settings#notifications-heading">{t("changeRest")}</Link>
        </p>
      ) : null}
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button">{t("markAllRead")}</button>
        </Form>
      ) : null}
      {loaderData.notifications.length === 0 ? (
        <EmptyState title={t("empty.title")} body={t("empty.body")} />
      ) : (
        <ul className="plain-list notification-list">
          {loaderData.notifications.map((n) => (
            <li key={n.id} className={`notification${n.readAt ? "" : " notification--unread"}`}>
              <div>
                {n.kind === "sign-in" ? (
                  <>
                    <strong>{t("item.sign-in", { device: n.deviceLabel || t("settings:sessions.unknownDevice") })}</strong>
                    {n.sessionId === loaderData.currentSessionId ? <span className="tag">{t("signIn.thisDevice")}</span> : null}
                    <p className="small">{t("signIn.explain")}</p>
                  </>
                ) : n.kind === "mention" || n.kind === "reply" ? (
                  <Link to={n.href}>{t(`item.${n.kind}`, { name: n.actorName, thread: n.threadTitle })}</Link>
                ) : isWorkNoticeKind(n.kind) && "groupNameEn" in n ? (
                  <>
                    <Link to={n.href}>{t(`item.${n.kind}`, { group: localized(n, "groupName", i18n.language) })}</Link>
                    {n.followUp ? (
                      <p className="small">
                        <span lang={n.followUp.language}>{n.followUp.title}</span>
                        {n.followUp.dueDate ? <> · {t("work.dueLabel")} <DateOnly value={n.followUp.dueDate} /></> : null}
                      </p>
                    ) : null}
                    {n.comments ? (
                      <div className="small">
                        <p>{t(n.kind === "checkin-answered" ? "work.advice" : "work.comments")}</p>
                        <blockquote lang={n.comments.language}>{n.comments.text}</blockquote>
                      </div>
                    ) : null}
                    {n.kind === "workplan-approved" || n.kind === "workplan-changes-requested" ? <p className="small"><Link to={n.workplanHref}>{t("work.workplanText")}</Link></p> : null}
                  </>
                ) : (
                  <>
                    <Link to={n.href}>{t(`item.${n.kind}`, { title: localized(n, "title", i18n.language), text: t(`meetings:texts.${"text" in n && n.text === "agenda" ? "agenda" : "minutes"}`), version: "version" in n ? n.version : "" })}</Link>
                    {n.kind === "meeting-rescheduled" && n.previousStartsAt ? (
                      <p className="small">
                        {t("meetingChange.was")} <s><LocalTime value={n.previousStartsAt} /></s> · {t("meetingChange.now")} <LocalTime value={n.startsAt} />
                        <br />
                        {t("meetingChange.answerAgain")}
                      </p>
                    ) : (
                      "startsAt" in n ? <p className="small"><LocalTime value={n.startsAt} /></p> : null
                    )}
                  </>
                )}
                <p className="muted small"><LocalTime value={n.createdAt} />{n.readAt ? null : <span className="tag">{t("unread")}</span>}</p>
                {n.kind === "sign-in" && n.sessionId !== loaderData.currentSessionId ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="not-me" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="button button--danger">{n.sessionOpen ? t("signIn.notMe") : t("signIn.notMeEnded")}</button>
                  </Form>
                ) : null}
              </div>
              {n.readAt ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="button button--quiet">{t("markRead")}</button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => {
  const language = (matches[0]?.data as { language?: string } | undefined)?.language ?? "en";
  return [{ title: language === "fr" ? "Notifications · Praxis" : "Notifications · Praxis" }];
};
