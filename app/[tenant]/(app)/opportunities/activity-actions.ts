"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/i18n/time-zone";
import { activitySchema, activityUpdateSchema } from "@/lib/validation/opportunity";
import { composedActivity, composerSchema } from "@/lib/validation/composer";
import { createActivity, deleteActivity, updateActivity } from "@/lib/dal/activities/activities";
import { createTask } from "@/lib/dal/tasks/manage-tasks";

// Logging, editing and deleting activities from any record's timeline. The DAL checks the
// permission, the links (visible, same customer), ownership and the edit's version again.

async function memberTimeZone() {
  return validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}

export const logActivityAction = memberAction(activitySchema, "records.write", async (_input, ctx, { formData }, submitted) => {
  // The DAL reads the local time in the member's zone, so it parses the fields as submitted itself.
  const result = await createActivity(ctx, submitted, { timeZone: await memberTimeZone() });
  if (!result.ok) {
    if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) } satisfies FormState;
    return formError(formData, result.reason === "notAllowed" ? "notAllowed" : "activityTargetGone");
  }
  // Every page that shows this customer's timeline.
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: "activityLogged", values: {} };
});

export const updateActivityAction = memberAction(activityUpdateSchema, "records.write", async (_input, ctx, { formData }, submitted) => {
  const result = await updateActivity(ctx, submitted, { timeZone: await memberTimeZone() });
  if (!result.ok) {
    if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) } satisfies FormState;
    if (result.reason === "conflict") {
      return formError(formData, result.conflict.changedBy ? "activityConflict" : "activityConflictUnknown", { name: result.conflict.changedBy ?? "" });
    }
    return formError(formData, result.reason === "notAllowed" ? "notAllowed" : "activityTargetGone");
  }
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: "activityUpdated", values: {} };
});

export const deleteActivityAction = memberAction(z.object({ id: z.string().min(1).max(64) }), "records.write", async (input, ctx, { formData }) => {
  const result = await deleteActivity(ctx, input.id);
  if (!result.ok) return formError(formData, "reason" in result && result.reason === "notAllowed" ? "notAllowed" : "activityTargetGone");
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: "activityDeleted", values: {} };
});

/**
 * The timeline composer: a call, email, meeting or note is logged like the quick-add form logs it;
 * a task is the member's own, linked to the record the composer is on, and refused when due in
 * the past. The form starts fresh after a save, on the same tab.
 */
export const composeTimelineAction = memberAction(composerSchema, "records.write", async (input, ctx, { formData }, submitted) => {
  const timeZone = await memberTimeZone();
  if (input.type === "TASK") {
    const result = await createTask(ctx, { title: input.subject, notes: input.body, dueDate: input.dueDate, dueTime: input.dueTime, assigneeId: ctx.user.id, link: input.link }, timeZone);
    if (!result.ok) {
      // The due date is on the form; the link and assignee are the record and the member, not fields.
      return "field" in result && result.field === "dueDate" ? fieldError(formData, "dueDate", result.reason) : formError(formData, result.reason);
    }
    revalidatePath(`/${ctx.tenant.slug}`, "layout");
    return { status: "success", fieldErrors: {}, message: "taskCreated", values: { formKey: result.taskId, type: "TASK" } };
  }
  if (submitted.type === "TASK") return formError(formData, "activityTypeInvalid");
  const result = await createActivity(ctx, composedActivity(submitted, new Date()), { timeZone });
  if (!result.ok) {
    if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values: echoValues(formData) } satisfies FormState;
    return formError(formData, result.reason === "notAllowed" ? "notAllowed" : "activityTargetGone");
  }
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: "activityLogged", values: { formKey: result.id, type: input.type } };
});
