import { useTranslation } from "react-i18next";
import type { Route } from "./+types/meetings";
import { requireViewer } from "~/domain/auth.server";
import { EmptyState, PageHeader } from "~/ui/page";

export async function loader({ request }: Route.LoaderArgs) {
  await requireViewer(request);
  return null;
}

export default function MeetingsPage() {
  const { t } = useTranslation("meetings");
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <EmptyState title={t("empty.title")} body={t("empty.body")} />
    </>
  );
}
