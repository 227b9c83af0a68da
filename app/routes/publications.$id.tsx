// A publication's review page: its addresses, its versions, and the open proposal's gate — both
// languages, translation drift, every identity hit to fix or accept, named members' consent,
// and the approvals it needs. Also corrections, public or unlisted, and taking it down.
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { Link } from "~/ui/link";
import type { Route } from "./+types/publications.$id";
import { localized } from "~/domain/bilingual";
import {
  acceptIdentityHit,
  approveVersion,
  confirmLanguage,
  fixIdentityHit,
  praxisHosts,
  MAX_COVER_BYTES,
  proposeCorrection,
  removeCover,
  reviewPage,
  revokeUnlistedLink,
  setCover,
  setNamingConsent,
  setVisibility,
  unpublish,
  withdrawProposal,
} from "~/domain/publications.server";
import { refuse, type Result } from "~/domain/result";
import { isMultipart, parseMultipart } from "~/infra/multipart.server";
import { requireViewer } from "~/web/auth.server";
import { orRefused } from "~/web/results.server";
import { FormAlert, text } from "~/ui/forms";
import { lightPage, loadAsDocument } from "~/ui/light-page";
import { PageHeader } from "~/ui/page";
import { LocalTime } from "~/ui/time";

export const handle = lightPage;
export const clientLoader = loadAsDocument;

type Blockers = Array<{ reason: string; values?: Record<string, string> }>;

function hostsOf(request: Request) {
  return praxisHosts(new URL(request.url).host);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireViewer(request);
  const page = orRefused(await reviewPage(user, params.id, hostsOf(request)));
  return { ...page, origin: new URL(request.url).origin };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireViewer(request);
  const answer = (result: Result<unknown>, extra: Record<string, unknown> = {}) =>
    result.ok
      ? { error: null as string | null, blockers: [] as Blockers, unlistedKey: null as string | null, ...extra }
      : data({ error: result.error as string | null, blockers: (result.details?.blockers as Blockers | undefined) ?? [], unlistedKey: null as string | null }, { status: result.status });
  if (isMultipart(request)) {
    // The cover picture is the one form with a file.
    const parsed = await parseMultipart(request, { maxFileBytes: MAX_COVER_BYTES });
    const field = (name: string) => parsed.fields.get(name)?.[0] ?? "";
    const intent = "cover";
    if (parsed.isFileTooLarge) return data({ intent, error: "publications:errors.coverTooLarge" as string | null, blockers: [] as Blockers, unlistedKey: null as string | null }, { status: 413 });
    const result = await setCover(user, field("versionId"), { bytes: parsed.file?.bytes ?? null, altEn: field("coverAltEn"), altFr: field("coverAltFr") });
    if (!result.ok) return data({ intent, error: result.error as string | null, blockers: [] as Blockers, unlistedKey: null as string | null }, { status: result.status });
    return { intent, error: null as string | null, blockers: [] as Blockers, unlistedKey: null as string | null };
  }
  const form = await request.formData();
  const intent = text(form, "intent");
  const versionId = text(form, "versionId");
  const hosts = hostsOf(request);
  switch (intent) {
    case "removeCover":
      return answer(await removeCover(user, versionId));
    case "approve":
      return answer(await approveVersion(user, versionId, hosts));
    case "accept":
      return answer(await acceptIdentityHit(user, versionId, { language: text(form, "language"), key: text(form, "key") }, hosts));
    case "fix":
      return answer(await fixIdentityHit(user, versionId, { language: text(form, "language"), key: text(form, "key"), replacement: text(form, "replacement") }, hosts));
    case "confirm":
      return answer(await confirmLanguage(user, versionId, text(form, "language")));
    case "withdraw":
      return answer(await withdrawProposal(user, versionId));
    case "correction":
      return answer(await proposeCorrection(user, params.id, { changeNote: text(form, "changeNote"), refreeze: form.get("refreeze") === "on" }));
    case "unpublish":
      return answer(await unpublish(user, params.id));
    case "visibility": {
      const result = await setVisibility(user, params.id, text(form, "visibility"));
      return answer(result, { unlistedKey: result.ok ? result.value.unlistedKey : null });
    }
    case "revoke":
      return answer(await revokeUnlistedLink(user, params.id));
    case "consent":
    case "withdrawConsent": {
      const result = await setNamingConsent(user, params.id, intent === "consent");
      if (result.ok) throw redirect(`/publications/${params.id}`, { status: 303 });
      return answer(result);
    }
    default:
      return answer(refuse.invalid("common:errors.invalidValue"));
  }
}

const LANGUAGES = ["en", "fr"] as const;

export default function PublicationReview({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("publications");
  const { publication, group, versions, review, named, myConsent, can, hasApproved, origin } = loaderData;
  const latest = versions[0];
  const title = latest ? localized(latest, "title", i18n.language) : publication.slug;
  const publicPath = `/p/${publication.slug}`;
  const isPublic = publication.visibility === "public";
  return (
    <>
      <p><Link to="/publications">{t("actions.back")}</Link></p>
      <PageHeader title={title} lead={group ? localized(group, "name", i18n.language) : undefined}>
        <p className="small">
          {publication.unpublishedAt ? t("status.unpublished") : hasApproved ? t("status.live") : t("status.inReview")}
          {" · "}
          {t(`visibility.${publication.visibility}`)}
        </p>
      </PageHeader>
      <FormAlert message={actionData?.error} />
      {actionData?.blockers?.length ? (
        <ul className="alert alert--info">
          {actionData.blockers.map((b, i) => (
            <li key={i}>{t(b.reason, { ...b.values, language: b.values?.language ? t(`languages.${b.values.language}`) : undefined })}</li>
          ))}
        </ul>
      ) : null}

      {myConsent ? (
        <section className="panel stack" aria-labelledby="consent">
          <h2 id="consent">{t("consent.title")}</h2>
          <p>{myConsent.consented ? t("consent.given") : t("consent.asked")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value={myConsent.consented ? "withdrawConsent" : "consent"} />
            <button type="submit" className="button">{myConsent.consented ? t("consent.withdraw") : t("consent.give")}</button>
          </Form>
        </section>
      ) : null}

      {hasApproved && !publication.unpublishedAt ? (
        <section className="panel stack" aria-labelledby="addresses">
          <h2 id="addresses">{t("addresses.title")}</h2>
          {isPublic ? (
            <ul className="plain-list">
              <li><a href={publicPath} hrefLang="en">{`${origin}${publicPath}`}</a> ({t("languages.en")})</li>
              <li><a href={`${publicPath}?lng=fr`} hrefLang="fr">{`${origin}${publicPath}?lng=fr`}</a> ({t("languages.fr")})</li>
            </ul>
          ) : actionData?.unlistedKey ? (
            <p className="copyable">{t("addresses.unlistedOnce")} <code>{`${origin}/p/${actionData.unlistedKey}`}</code></p>
          ) : (
            <p>{publication.hasUnlistedLink ? t("addresses.unlistedActive") : t("addresses.unlistedNone")}</p>
          )}
          {can.unpublish ? (
            <div className="row row--start">
              <Form method="post">
                <input type="hidden" name="intent" value="visibility" />
                <input type="hidden" name="visibility" value={isPublic ? "unlisted" : "unlisted"} />
                <button type="submit" className="button">{isPublic ? t("addresses.makeUnlisted") : t("addresses.newLink")}</button>
              </Form>
              {!isPublic ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="visibility" />
                  <input type="hidden" name="visibility" value="public" />
                  <button type="submit" className="button">{t("addresses.makePublic")}</button>
                </Form>
              ) : null}
              {!isPublic && publication.hasUnlistedLink ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <button type="submit" className="button button--danger">{t("addresses.revoke")}</button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {review ? <Review review={review} canReview={can.review} /> : null}

      <section className="panel stack" aria-labelledby="versions">
        <h2 id="versions">{t("versions.title")}</h2>
        <ol reversed className="plain-list">
          {versions.map((v) => (
            <li key={v.id}>
              {t("versions.number", { number: v.number })} · {t(`versionStatus.${v.status}`)} · <LocalTime value={v.approvedAt ?? v.proposedAt} options={{ dateStyle: "medium" }} />
              {v.changeNote ? ` — ${v.changeNote}` : null}
              {v.status === "approved" && isPublic && !publication.unpublishedAt ? (
                <>
                  {" · "}
                  <a href={`${publicPath}/v/${v.number}`}>{t("versions.read")}</a>
                </>
              ) : null}
            </li>
          ))}
        </ol>
        {can.propose && hasApproved && !review ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="correction" />
            <div className="field">
              <label htmlFor="changeNote">{t("correction.changeNote")}</label>
              <textarea id="changeNote" name="changeNote" rows={2} required maxLength={500} />
            </div>
            <div className="checkbox">
              <input type="checkbox" id="refreeze" name="refreeze" defaultChecked />
              <label htmlFor="refreeze">{t("correction.refreeze")}</label>
            </div>
            <button type="submit" className="button">{t("correction.submit")}</button>
          </Form>
        ) : null}
      </section>

      {named.length ? (
        <section className="panel stack" aria-labelledby="named">
          <h2 id="named">{t("consent.namedTitle")}</h2>
          <ul className="plain-list">
            {named.map((n) => (
              <li key={n.userId}>{n.displayName}: {n.consented ? t("consent.yes") : t("consent.no")}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {can.unpublish && hasApproved ? (
        <section className="panel stack" aria-labelledby="unpublish">
          <h2 id="unpublish">{t("unpublish.title")}</h2>
          <p>{t("unpublish.lead")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="unpublish" />
            <button type="submit" className="button button--danger">{t("unpublish.submit")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

type ReviewData = NonNullable<Route.ComponentProps["loaderData"]["review"]>;

function Review({ review, canReview }: { review: ReviewData; canReview: boolean }) {
  const { t } = useTranslation("publications");
  const { version } = review;
  const hidden = <input type="hidden" name="versionId" value={version.id} />;
  return (
    <section className="panel stack" aria-labelledby="review">
      <h2 id="review">{t("review.title", { number: version.number })}</h2>
      {version.changeNote ? <p>{t("review.changeNote", { note: version.changeNote })}</p> : null}
      <h3>{t("review.gate")}</h3>
      {review.blockers.length ? (
        <ul>
          {review.blockers.map((b, i) => (
            <li key={i}>{t(b.reason, { ...b.values, language: b.values?.language ? t(`languages.${b.values.language}`) : undefined })}</li>
          ))}
        </ul>
      ) : (
        <p>{t("review.ready")}</p>
      )}
      <p className="small">
        {review.required.map((slot) => `${t(`slots.${slot}`)}: ${review.approvals.some((a) => a.slot === slot) ? t("review.approved") : t("review.waiting")}`).join(" · ")}
      </p>
      <div className="row row--start">
        {review.mySlot ? (
          <Form method="post">
            {hidden}
            <input type="hidden" name="intent" value="approve" />
            <button type="submit" className="button button--primary">{t(`review.approveAs.${review.mySlot}`)}</button>
          </Form>
        ) : null}
        {canReview ? <Link className="button" to={`/publications/${version.publicationId}/edit`}>{t("review.edit")}</Link> : null}
        <Form method="post">
          {hidden}
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="button button--quiet">{t("review.withdraw")}</button>
        </Form>
      </div>

      <div className="stack">
        <h3>{t("cover.title")}</h3>
        {version.coverHash ? (
          <div className="row row--start">
            <p>{t("cover.current", { alt: version.coverAltEn })}</p>
            <Form method="post">
              {hidden}
              <input type="hidden" name="intent" value="removeCover" />
              <button type="submit" className="button button--small button--quiet">{t("cover.remove")}</button>
            </Form>
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          {hidden}
          <div className="field">
            <label htmlFor="cover">{t("cover.file")}</label>
            <p className="field__hint" id="cover-hint">{t("cover.hint")}</p>
            <input id="cover" name="cover" type="file" accept="image/jpeg,image/png" required aria-describedby="cover-hint" />
          </div>
          <div className="field">
            <label htmlFor="coverAltEn">{t("cover.altEn")}</label>
            <input id="coverAltEn" name="coverAltEn" required maxLength={300} lang="en" defaultValue={version.coverAltEn} />
          </div>
          <div className="field">
            <label htmlFor="coverAltFr">{t("cover.altFr")}</label>
            <input id="coverAltFr" name="coverAltFr" required maxLength={300} lang="fr" defaultValue={version.coverAltFr} />
          </div>
          <button type="submit" className="button button--small">{t("cover.submit")}</button>
        </Form>
      </div>

      {LANGUAGES.map((language) => (
        <div key={language} className="stack">
          <h3>{t("review.hitsIn", { language: t(`languages.${language}`) })}</h3>
          {review.drift[language].length || version[language === "en" ? "baselineEn" : "baselineFr"] === "{}" ? (
            <Form method="post" className="inline-form">
              {hidden}
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="language" value={language} />
              <button type="submit" className="button button--small">{t("review.confirm", { language: t(`languages.${language}`) })}</button>
            </Form>
          ) : null}
          {review.hits.filter((h) => h.language === language).length === 0 ? (
            <p>{t("review.noHits")}</p>
          ) : (
            <ul className="plain-list stack">
              {review.hits
                .filter((h) => h.language === language)
                .map((hit) => (
                  <li key={hit.key} className="card">
                    <p>
                      <strong>{t(`hitKinds.${hit.kind}`)}</strong> · {t(`fieldNames.${hit.field}`)} · <span lang={language}>{hit.context}</span>
                      {hit.accepted ? ` · ${t("review.accepted")}` : null}
                    </p>
                    {canReview && !hit.accepted ? (
                      <div className="row row--start">
                        <Form method="post" className="inline-form">
                          {hidden}
                          <input type="hidden" name="intent" value="fix" />
                          <input type="hidden" name="language" value={language} />
                          <input type="hidden" name="key" value={hit.key} />
                          {hit.kind === "link" ? null : (
                            <>
                              <label htmlFor={`fix-${language}-${hit.key}`}>{t("review.replaceWith", { text: hit.text })}</label>
                              <input id={`fix-${language}-${hit.key}`} name="replacement" required maxLength={200} lang={language} />
                            </>
                          )}
                          <button type="submit" className="button button--small">{hit.kind === "link" ? t("review.removeLink") : t("review.fix")}</button>
                        </Form>
                        <Form method="post" className="inline-form">
                          {hidden}
                          <input type="hidden" name="intent" value="accept" />
                          <input type="hidden" name="language" value={language} />
                          <input type="hidden" name="key" value={hit.key} />
                          <button type="submit" className="button button--small button--quiet" aria-label={t("review.acceptLabel", { text: hit.text })}>{t("review.accept")}</button>
                        </Form>
                      </div>
                    ) : null}
                  </li>
                ))}
            </ul>
          )}
          <details>
            <summary>{t("review.preview", { language: t(`languages.${language}`) })}</summary>
            <div className="prose" lang={language} dangerouslySetInnerHTML={{ __html: language === "en" ? version.htmlEn : version.htmlFr }} />
          </details>
        </div>
      ))}
    </section>
  );
}
