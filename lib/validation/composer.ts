import { z } from "zod";
import { ACTIVITY_TYPES, activitySchema, type ActivityInput } from "./opportunity";
import { quickReminderSchema, TASK_NOTES_MAX } from "./tasks";

// The timeline composer: one form for a call, email, meeting, note or task on a record. The kind
// travels as `type` (an activity's own field), so the four activity kinds are exactly the activity
// schema and a task is its own branch. The subject and notes are shared by every kind, so what
// was typed survives switching tabs.

export const COMPOSER_KINDS = [...ACTIVITY_TYPES, "TASK"] as const;
export type ComposerKind = (typeof COMPOSER_KINDS)[number];

export type ComposerField = "subject" | "occurredAt" | "durationMinutes" | "outcome" | "contactId" | "opportunityId" | "participants" | "body" | "dueDate" | "dueTime";

/** The fields each kind shows; the form hides the others and the server ignores them for that kind. */
export const COMPOSER_FIELDS: Record<ComposerKind, readonly ComposerField[]> = {
  CALL: ["subject", "occurredAt", "durationMinutes", "outcome", "contactId", "opportunityId", "body"],
  EMAIL: ["subject", "occurredAt", "contactId", "opportunityId", "participants", "body"],
  MEETING: ["subject", "occurredAt", "durationMinutes", "outcome", "contactId", "opportunityId", "participants", "body"],
  NOTE: ["subject", "contactId", "opportunityId", "body"],
  TASK: ["subject", "dueDate", "dueTime", "body"],
};

export function isComposerKind(value: unknown): value is ComposerKind {
  return typeof value === "string" && (COMPOSER_KINDS as readonly string[]).includes(value);
}

const composerTaskSchema = z.object({
  type: z.literal("TASK"),
  subject: quickReminderSchema.shape.title,
  body: z
    .string()
    .trim()
    .max(TASK_NOTES_MAX, { error: "taskNotesTooLong" })
    .optional()
    .transform((value) => value || null),
  dueDate: quickReminderSchema.shape.dueDate,
  dueTime: quickReminderSchema.shape.dueTime,
  /** The record the composer sits on ("customer:<id>" …): the task is linked to it. */
  link: quickReminderSchema.shape.link,
});

export const composerSchema = z.discriminatedUnion("type", [activitySchema, composerTaskSchema], { error: "activityTypeInvalid" });
export type ComposerInput = z.input<typeof composerSchema>;

/**
 * An activity as the composer submitted it, without what its kind doesn't have (a duration typed
 * on the Call tab doesn't follow the member to the Note tab). A note is written now: its time is
 * not a field.
 */
export function composedActivity(submitted: ActivityInput, now: Date): ActivityInput {
  const shown = COMPOSER_FIELDS[submitted.type];
  return {
    ...submitted,
    occurredAt: shown.includes("occurredAt") ? submitted.occurredAt : now.toISOString(),
    durationMinutes: shown.includes("durationMinutes") ? submitted.durationMinutes : "",
    outcome: shown.includes("outcome") ? submitted.outcome : "",
    participants: shown.includes("participants") ? submitted.participants : "",
  };
}
