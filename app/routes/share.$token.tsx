import { useTranslation } from "react-i18next";
import type { Route } from "./+types/share.$token";
import { getSharedResource } from "~/domain/library.server";
import { formatBytes } from "~/domain/library";
import { libraryMeta } from "~/ui/library/meta";
import { PageHeader } from "~/ui/page";
import { loadAsDocument, staticPage } from "~/ui/light-page";

// A resource opened through a share link, by someone outside the CoP: no session needed, only
// what was shared (title, description, the file or link), served only while the link is valid.
// A published text: no app bundle and nothing live (see ui/light-page).
export const handle = staticPage;
export const clientLoader = loadAsDocument;

export async function loader({ params }: Route.LoaderArgs) {
  const resource = await getSharedResource(params.token);
  if (!resource) throw new Response("Not found", { status: 404 });
  return {
    token: params.token,
    resource: { kind: resource.kind, title: resource.title, description: resource.description, url: resource.url, fileSize: resource.fileSize },
  };
}

export default function SharedResource({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("library");
  const { resource, token } = loaderData;
  return (
    <>
      <PageHeader title={resource.title} lead={t("share.publicLead")} />
      <section className="panel">
        {resource.description ? <p>{resource.description}</p> : null}
        {resource.kind === "file" ? (
          <a className="button button--primary" href={`/share/${token}/file`}>{t("resource.download", { type: "", size: formatBytes(resource.fileSize ?? 0, i18n.language) })}</a>
        ) : (
          <a className="button button--primary" href={resource.url ?? "#"} rel="noopener noreferrer nofollow">{t("resource.openLink")}</a>
        )}
      </section>
    </>
  );
}

export const meta: Route.MetaFunction = ({ data, matches }) => libraryMeta(matches, "title", data?.resource.title);
