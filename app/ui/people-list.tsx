// Who is in a group: leads first, then members, by pseudonym.
import { useTranslation } from "react-i18next";

interface Person {
  id: string;
  displayName: string;
}

export function PeopleList({ leads, members }: { leads: Person[]; members: Person[] }) {
  const { t } = useTranslation("groups");
  return (
    <dl className="people">
      <dt>{t("leads", { count: leads.length })}</dt>
      <dd>{leads.length ? leads.map((p) => p.displayName).join(", ") : t("nobodyYet")}</dd>
      <dt>{t("members", { count: members.length })}</dt>
      <dd>{members.length ? members.map((p) => p.displayName).join(", ") : t("nobodyYet")}</dd>
    </dl>
  );
}
