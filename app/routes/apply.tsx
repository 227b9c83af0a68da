import { useTranslation } from "react-i18next";
import { EmptyState, PageHeader } from "~/ui/page";

// Public: the call for applications (its form arrives with the applications issue).
export default function Apply() {
  const { t } = useTranslation("apply");
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <EmptyState title={t("closed.title")} body={t("closed.body")} />
    </>
  );
}
