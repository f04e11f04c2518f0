// The composer's one form: the kind picks the rules (a task needs a real due date and a title, an
// activity its subject), an unknown kind is refused, and an activity keeps only its kind's fields.
import { describe, expect, it } from "vitest";
import { composedActivity, composerSchema } from "./composer";
import { fieldErrorsFrom } from "@/lib/forms/form-state";

const errors = (input: Record<string, string>) => {
  const parsed = composerSchema.safeParse(input);
  return parsed.success ? {} : fieldErrorsFrom(parsed.error);
};

describe("composerSchema", () => {
  it("checks a task's own fields and ignores the activity ones", () => {
    expect(errors({ type: "TASK", subject: "", dueDate: "2026-12-0", dueTime: "09:00", link: "customer:abc", occurredAt: "" })).toEqual({
      subject: ["taskTitleRequired"],
      dueDate: ["taskDueDateInvalid"],
    });
    expect(errors({ type: "TASK", subject: "Send quote", dueDate: "2026-12-09", dueTime: "09:00", link: "customer:abc" })).toEqual({});
  });

  it("checks an activity as the activity form does, and refuses a kind it doesn't know", () => {
    expect(errors({ type: "NOTE", subject: "", occurredAt: "2026-12-01T10:00", customerId: "abc" })).toEqual({ subject: ["activitySubjectRequired"] });
    expect(Object.values(errors({ type: "FAX", subject: "Hello", occurredAt: "2026-12-01T10:00", customerId: "abc" })).flat()).toEqual(["activityTypeInvalid"]);
  });
});

describe("composedActivity", () => {
  const now = new Date("2026-12-01T10:30:00Z");
  const typed = { type: "NOTE" as const, subject: "Prefers email", occurredAt: "2026-11-01T09:00", durationMinutes: "15", outcome: "connected", participants: "Bill", customerId: "abc" };

  it("drops what a note doesn't have and dates it now", () => {
    expect(composedActivity(typed, now)).toMatchObject({ subject: "Prefers email", occurredAt: now.toISOString(), durationMinutes: "", outcome: "", participants: "" });
  });

  it("keeps a meeting's duration, outcome, participants and time", () => {
    expect(composedActivity({ ...typed, type: "MEETING" }, now)).toMatchObject({ occurredAt: "2026-11-01T09:00", durationMinutes: "15", outcome: "connected", participants: "Bill" });
  });
});
