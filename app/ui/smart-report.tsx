// The SMART check of a workplan's objectives, as a report: shown live beside the co-editor and,
// from the stored facts, on the page of a reader who cannot edit (a module of its own, so that
// page loads neither Yjs nor the workplan panel).

export function SmartReport({
  objectives,
  flags,
  undatedMilestones,
  t,
}: {
  objectives: number;
  flags: Array<{ objective: string; missingMeasure: boolean; missingDate: boolean }>;
  undatedMilestones: number;
  t: (key: string, options?: Record<string, unknown>) => string;
}) {
  return (
    <section className="callout smart-check" aria-labelledby="smart-heading">
      <h2 id="smart-heading">{t("workplan.smart.title")}</h2>
      {objectives === 0 ? <p>{t("workplan.smart.noObjectives")}</p> : null}
      {objectives > 0 && flags.length === 0 ? <p>{t("workplan.smart.allGood", { count: objectives })}</p> : null}
      {flags.length > 0 ? (
        <ul>
          {flags.map((flag) => (
            <li key={flag.objective}>
              <q>{flag.objective}</q>{" "}
              {[flag.missingMeasure ? t("workplan.smart.missingMeasure") : null, flag.missingDate ? t("workplan.smart.missingDate") : null].filter(Boolean).join(" · ")}
            </li>
          ))}
        </ul>
      ) : null}
      {undatedMilestones > 0 ? <p>{t("workplan.smart.undatedMilestones", { count: undatedMilestones })}</p> : null}
    </section>
  );
}
