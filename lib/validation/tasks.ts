import { z } from "zod";

// Task form rules, shared by the browser (comfort) and the server actions (the real check).
// Messages are keys under "errors." (messages/<locale>/tasks.json adds them).

export const TASK_TITLE_MAX = 200;
export const TASK_NOTES_MAX = 2000;

const idField = z.string().trim().min(1, { error: "taskNotFound" }).max(40, { error: "taskNotFound" });

/** "customer:<id>", "contact:<id>", "opportunity:<id>" or "" (no linked record). */
export const taskLinkField = z
  .string()
  .trim()
  .max(60, { error: "taskLinkInvalid" })
  .regex(/^((customer|contact|opportunity):[A-Za-z0-9_-]{1,40})?$/, { error: "taskLinkInvalid" })
  .optional()
  .transform((value) => value ?? "");

const taskFields = {
  title: z.string().trim().min(1, { error: "taskTitleRequired" }).max(TASK_TITLE_MAX, { error: "taskTitleTooLong" }),
  notes: z
    .string()
    .trim()
    .max(TASK_NOTES_MAX, { error: "taskNotesTooLong" })
    .optional()
    .transform((value) => value || null),
  dueDate: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "taskDueDateInvalid" }),
  dueTime: z.string().trim().regex(/^\d{2}:\d{2}$/, { error: "taskDueTimeInvalid" }),
  assigneeId: z.string().trim().min(1, { error: "taskAssigneeInvalid" }).max(40, { error: "taskAssigneeInvalid" }),
  link: taskLinkField,
};

export const createTaskSchema = z.object(taskFields);
export const updateTaskSchema = z.object({ ...taskFields, taskId: idField, updatedAt: z.string().max(40).optional() });
export const taskIdSchema = z.object({ taskId: idField });

/** "Remind me" on a record: the task is the member's own and linked to the page's record. */
export const quickReminderSchema = z.object({
  title: taskFields.title,
  dueDate: taskFields.dueDate,
  dueTime: taskFields.dueTime,
  link: z.string().trim().regex(/^(customer|contact|opportunity):[A-Za-z0-9_-]{1,40}$/, { error: "taskLinkInvalid" }),
});

export const transferRecordsSchema = z.object({
  fromUserId: z.string().trim().min(1, { error: "transferFromInvalid" }).max(40, { error: "transferFromInvalid" }),
  toUserId: z.string().trim().min(1, { error: "transferToRequired" }).max(40, { error: "transferToInvalid" }),
});
