import { useTranslation } from "react-i18next";
import { data, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/meetings.$id.edit";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { localized } from "~/domain/bilingual";
import { listGroupNames } from "~/domain/groups.server";
import {
  formAdvice,
  MEETING_KINDS,
  meetingInputOf,
  readMeetingForm,
  schedulableGroupIds,
  updateMeeting,
  type MeetingFormFields,
} from "~/domain/meetings.server";
import { getMeetingRow } from "~/domain/meeting-rows.server";
import * as meetingPolicy from "~/domain/policies/meetings";
import { timeZoneChoices, toZonedInputs, zoneOrUtc } from "~/infra/time-zones";
import { MeetingForm } from "~/ui/meeting-form";
import { translatedTitle } from "~/ui/meta";
import { PageHeader } from "~/ui/page";
import { requestLanguage } from "~/web/language.server";

async function organiserContext(request: Request, meetingId: string) {
  const viewer = await requireViewer(request);
  const meeting = orNotFound(await getMeetingRow(meetingId));
  if (!meetingPolicy.allow(viewer.user, "organise", meeting)) throw new Response("Forbidden", { status: 403 });
  return { viewer, meeting };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { viewer, meeting } = await organiserContext(request, params.id);
  const groups = await listGroupNames();
  const isCopWide = meetingPolicy.allowSchedule(viewer.user, "plenary", null);
  const allowed = schedulableGroupIds(viewer.user, groups.map((g) => g.id));
  const zone = zoneOrUtc(meeting.organiserTimeZone);
  const start = toZonedInputs(meeting.startsAt, zone);
  const values: MeetingFormFields = {
    kind: meeting.kind,
    groupId: meeting.groupId ?? "",
    audience: meeting.audience,
    titleEn: meeting.titleEn,
    titleFr: meeting.titleFr,
    date: start.date,
    time: start.time,
    timeZone: zone,
    durationMinutes: String(meeting.durationMinutes),
    callUrl: meeting.callUrl,
    repeat: "none",
    occurrences: "1",
    rotate1: "",
    rotate2: "",
  };
  return {
    values,
    meetingId: meeting.id,
    groups: groups.filter((g) => isCopWide || allowed.includes(g.id)),
    kinds: isCopWide ? MEETING_KINDS : (["group", "guest"] as const),
    zones: timeZoneChoices(requestLanguage(request, viewer.user), { keep: zone }),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { viewer, meeting } = await organiserContext(request, params.id);
  const form = await request.formData();
  const intent = typeof form.get("intent") === "string" ? String(form.get("intent")) : "";
  const values = readMeetingForm(form);
  if (intent.startsWith("use:")) {
    const at = new Date(intent.slice(4));
    if (!Number.isNaN(at.getTime())) Object.assign(values, toZonedInputs(at, zoneOrUtc(values.timeZone)));
    return { values, fieldErrors: {}, advice: await formAdvice(values, viewer.user) };
  }
  if (intent === "check") return { values, fieldErrors: {}, advice: await formAdvice(values, viewer.user) };
  const result = await updateMeeting(viewer.user, meeting.id, meetingInputOf(values));
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors ?? { form: result.error }, advice: await formAdvice(values, viewer.user) }, { status: result.status });
  throw redirect(`/meetings/${meeting.id}?updated=1`, { status: 303 });
}

export default function EditMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation("meetings");
  const navigation = useNavigation();
  const values = actionData?.values ?? loaderData.values;
  return (
    <>
      <PageHeader title={t("edit.title")} lead={t("edit.lead")} />
      <MeetingForm
        key={JSON.stringify(values)}
        values={values}
        errors={actionData?.fieldErrors ?? {}}
        advice={actionData?.advice ?? null}
        kinds={loaderData.kinds}
        groups={loaderData.groups.map((g) => ({ id: g.id, name: localized(g, "name", i18n.language) }))}
        zones={loaderData.zones}
        isNew={false}
        busy={navigation.state === "submitting"}
      />
    </>
  );
}

export const meta: Route.MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "meetings", "edit.title") }];
