import { useTranslation } from "react-i18next";
import { data, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/meetings.new";
import { requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { listGroupNames } from "~/domain/groups.server";
import {
  formAdvice,
  MEETING_KINDS,
  meetingInputOf,
  readMeetingForm,
  scheduleMeeting,
  schedulableGroupIds,
  type MeetingFormFields,
} from "~/domain/meetings.server";
import { memberGroupIds } from "~/domain/permissions";
import * as meetingPolicy from "~/domain/policies/meetings";
import { timeZoneChoices, toZonedInputs, zoneOrUtc } from "~/infra/time-zones";
import { MeetingForm } from "~/ui/meeting-form";
import { translatedTitle } from "~/ui/meta";
import { PageHeader } from "~/ui/page";
import { requestLanguage } from "~/web/language.server";

async function schedulingContext(request: Request) {
  const viewer = await requireViewer(request);
  const groups = await listGroupNames();
  if (!meetingPolicy.allowScheduleAny(viewer.user, memberGroupIds(viewer.user))) throw new Response("Forbidden", { status: 403 });
  const isCopWide = meetingPolicy.allowSchedule(viewer.user, "plenary", null);
  const allowed = schedulableGroupIds(viewer.user, groups.map((g) => g.id));
  return { viewer, groups: groups.filter((g) => allowed.includes(g.id)), isCopWide };
}

export async function loader({ request }: Route.LoaderArgs) {
  const { viewer, groups, isCopWide } = await schedulingContext(request);
  const zone = zoneOrUtc(viewer.user.timeZone);
  // A week from now at 14:00 UTC-ish in the organiser's zone: a sensible starting point.
  const start = toZonedInputs(new Date(Date.now() + 7 * 24 * 3600_000), zone);
  const values: MeetingFormFields = {
    kind: isCopWide ? "plenary" : "group",
    groupId: isCopWide ? "" : groups[0]?.id ?? "",
    audience: isCopWide ? "community" : "group",
    titleEn: "",
    titleFr: "",
    date: start.date,
    time: "14:00",
    timeZone: zone,
    durationMinutes: "60",
    callUrl: "",
    repeat: "none",
    occurrences: "1",
    rotate1: "",
    rotate2: "",
  };
  return { values, groups, kinds: isCopWide ? MEETING_KINDS : (["group", "guest"] as const), zones: timeZoneChoices(requestLanguage(request, viewer.user), { keep: zone }) };
}

export async function action({ request }: Route.ActionArgs) {
  const { viewer } = await schedulingContext(request);
  const form = await request.formData();
  const intent = typeof form.get("intent") === "string" ? String(form.get("intent")) : "";
  const values = readMeetingForm(form);
  if (intent.startsWith("use:")) {
    const at = new Date(intent.slice(4));
    if (!Number.isNaN(at.getTime())) Object.assign(values, toZonedInputs(at, zoneOrUtc(values.timeZone)));
    return { values, fieldErrors: {}, advice: await formAdvice(values, viewer.user) };
  }
  if (intent === "check") return { values, fieldErrors: {}, advice: await formAdvice(values, viewer.user) };
  const result = await scheduleMeeting(viewer.user, meetingInputOf(values));
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors ?? { form: result.error }, advice: await formAdvice(values, viewer.user) }, { status: result.status });
  const { meetingIds } = result.value;
  throw redirect(`/meetings/${meetingIds[0]}?scheduled=${meetingIds.length}`, { status: 303 });
}

export default function ScheduleMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("meetings");
  const navigation = useNavigation();
  const values = actionData?.values ?? loaderData.values;
  return (
    <>
      <PageHeader title={t("schedule.title")} lead={t("schedule.lead")} />
      <MeetingForm
        key={JSON.stringify(values)}
        values={values}
        errors={actionData?.fieldErrors ?? {}}
        advice={actionData?.advice ?? null}
        kinds={loaderData.kinds}
        groups={loaderData.groups.map((g) => ({ id: g.id, name: localized(g, "name", i18n.language) }))}
        zones={loaderData.zones}
        isNew
        busy={navigation.state === "submitting"}
      />
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "meetings", "schedule.title") }];
