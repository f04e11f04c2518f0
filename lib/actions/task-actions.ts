"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { memberAction } from "@/lib/actions/member-action";
import { createTaskSchema, quickReminderSchema, taskIdSchema, updateTaskSchema } from "@/lib/validation/tasks";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/i18n/time-zone";
import { completeTask, createTask, deleteTask, reopenTask, updateTask, type TaskResult } from "@/lib/dal/tasks/manage-tasks";

/** The member's zone (from their browser): the form's date and time are read on their clock. */
async function requestTimeZone(): Promise<string> {
  return validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}

function refresh(slug: string) {
  // The nav badge is on every page; the record pages list tasks too.
  revalidatePath(`/${slug}`, "layout");
}

function fromResult(formData: FormData, result: Exclude<TaskResult, { ok: true }>): FormState {
  return "field" in result ? fieldError(formData, result.field, result.reason) : formError(formData, result.reason);
}

export const createTaskAction = memberAction(createTaskSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await createTask(ctx, input, await requestTimeZone());
  if (!result.ok) return fromResult(formData, result);
  refresh(ctx.tenant.slug);
  // The form starts empty again for the next task (a new key remounts its inputs).
  return { status: "success", fieldErrors: {}, message: "created", values: { formKey: result.taskId } };
});

export const updateTaskAction = memberAction(updateTaskSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await updateTask(ctx, input.taskId, input, await requestTimeZone(), input.updatedAt);
  if (!result.ok) return fromResult(formData, result);
  refresh(ctx.tenant.slug);
  redirect(`/${ctx.tenant.slug}/tasks?saved=1`);
});

export const quickReminderAction = memberAction(quickReminderSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await createTask(ctx, { ...input, notes: null, assigneeId: ctx.user.id }, await requestTimeZone());
  if (!result.ok) return fromResult(formData, result);
  refresh(ctx.tenant.slug);
  return { status: "success", fieldErrors: {}, message: "reminderSet", values: { formKey: result.taskId } };
});

export const completeTaskAction = memberAction(taskIdSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await completeTask(ctx, input.taskId);
  if (!result.ok) return fromResult(formData, result);
  refresh(ctx.tenant.slug);
  return { status: "success", fieldErrors: {}, message: "completedMessage", values: {} };
});

export const reopenTaskAction = memberAction(taskIdSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await reopenTask(ctx, input.taskId);
  if (!result.ok) return fromResult(formData, result);
  refresh(ctx.tenant.slug);
  return { status: "success", fieldErrors: {}, message: "reopenedMessage", values: {} };
});

export const deleteTaskAction = memberAction(taskIdSchema, "records.write", async (input, ctx, { formData }) => {
  const result = await deleteTask(ctx, input.taskId);
  if (!result.ok) return fromResult(formData, result);
  refresh(ctx.tenant.slug);
  redirect(`/${ctx.tenant.slug}/tasks`);
});
