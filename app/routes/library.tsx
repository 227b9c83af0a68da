import { useTranslation } from "react-i18next";
import type { Route } from "./+types/library";
import { requireViewer } from "~/domain/auth.server";
import { EmptyState, PageHeader } from "~/ui/page";

export async function loader({ request }: Route.LoaderArgs) {
  await requireViewer(request);
  return null;
}

export default function LibraryPage() {
  const { t } = useTranslation("library");
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <EmptyState title={t("empty.title")} body={t("empty.body")} />
    </>
  );
}
