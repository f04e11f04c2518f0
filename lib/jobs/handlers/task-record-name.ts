/** The name of the record a task is about (opportunity before contact before customer), for emails and lists. */
export function taskRecordName(task: {
  customer?: { name: string } | null;
  contact?: { name: string } | null;
  opportunity?: { title: string } | null;
}): string | null {
  return task.opportunity?.title ?? task.contact?.name ?? task.customer?.name ?? null;
}
