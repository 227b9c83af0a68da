// Where a light page offers "the learning questions were just finalised / reopened — show": the
// live island (islands/live/questions.ts) fills it for these groups. Empty without JavaScript.
import { useTranslation } from "react-i18next";
import { liveStrings } from "./live-strings";

export function LiveQuestionsNotice({ groupIds }: { groupIds: string[] }) {
  const { i18n } = useTranslation();
  return (
    <div
      data-live-questions={groupIds.join(" ")}
      data-live="offline"
      data-strings={liveStrings(i18n, { finalised: "documents:questions.finalisedLive", draft: "documents:questions.reopenedLive" })}
    >
      <div data-live-region aria-live="polite" />
    </div>
  );
}
