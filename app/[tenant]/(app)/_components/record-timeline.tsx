import Link from "next/link";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { can } from "@/lib/auth/permissions";
import type { MemberContext } from "@/lib/dal/context";
import { listTimeline, timelineLinks, type TimelineItem, type TimelineTarget } from "@/lib/dal/activities/list-timeline";
import { suggestedDueInputs, toLocalDateTimeInput } from "@/lib/time/zoned-time";
import { composeTimelineAction, deleteActivityAction, updateActivityAction } from "@/app/[tenant]/(app)/opportunities/activity-actions";
import { TimelineComposer } from "@/components/crm/timeline/timeline-composer";
import { RecordTasks, type RecordRef } from "./record-tasks";
import { DeleteActivityButton } from "@/components/crm/timeline/delete-activity-button";
import { EditableActivity } from "@/components/crm/timeline/editable-activity";

const TYPE_BADGE: Record<string, string> = {
  CALL: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  EMAIL: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  MEETING: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  NOTE: "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-200",
  STAGE: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
};

function timelineTarget(record: RecordRef): TimelineTarget {
  if (record.kind === "customer") return { customerId: record.id };
  if (record.kind === "contact") return { contactId: record.id };
  return { opportunityId: record.id };
}

/**
 * One record's timeline (customer, contact or opportunity): the composer for members who may
 * write, the record's open tasks, then every activity (and, for opportunities and customers, stage
 * change), newest first, with "Show older" pages. `basePath` is the record page's path; `cursor`
 * its ?timeline= value.
 */
export async function RecordTimeline({
  ctx,
  slug,
  record,
  basePath,
  cursor,
}: {
  ctx: MemberContext;
  slug: string;
  record: RecordRef;
  basePath: string;
  cursor?: string | null;
}) {
  const target = timelineTarget(record);
  const [t, format, timeZone, page, links] = await Promise.all([
    getTranslations("activities"),
    getFormatter(),
    getTimeZone(),
    listTimeline(ctx, target, { cursor }),
    timelineLinks(ctx, target),
  ]);
  if (!page || !links) return null;
  const mayWrite = can(ctx.role, "records.write");
  // Bound here, once, rather than in the client forms (see BoundFormAction in activity-fields.tsx).
  const composeAction = composeTimelineAction.bind(null, slug);
  const updateAction = updateActivityAction.bind(null, slug);
  const deleteAction = deleteActivityAction.bind(null, slug);
  const tenantPath = `/${encodeURIComponent(slug)}`;
  // One clock for the whole render: the composer's defaults and which tasks are overdue agree.
  const now = new Date();

  return (
    <section id="timeline" aria-labelledby="timeline-heading" className="space-y-4" data-testid="record-timeline">
      <h2 id="timeline-heading" className="text-lg font-semibold text-slate-900 dark:text-white">
        {t("timeline")}
      </h2>
      {mayWrite ? (
        <TimelineComposer
          action={composeAction}
          links={links}
          taskLink={`${record.kind}:${record.id}`}
          defaultWhen={toLocalDateTimeInput(now, timeZone)}
          defaultDue={suggestedDueInputs(timeZone, now)}
          timeZone={timeZone}
        />
      ) : null}
      {cursor ? null : <RecordTasks member={ctx} record={record} now={now} />}
      {page.items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{cursor ? t("noOlder") : t("empty")}</p>
      ) : (
        <ol className="space-y-3">
          {page.items.map((item) => (
            <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="timeline-entry">
              {item.kind === "activity" && item.canEdit ? (
                <EditableActivity
                  action={updateAction}
                  links={links}
                  activity={{
                    id: item.id,
                    updatedAt: item.updatedAt.toISOString(),
                    customerId: item.customer.id,
                    subject: item.subject,
                    contact: item.contact,
                    opportunity: item.opportunity,
                    values: {
                      type: item.type,
                      subject: item.subject,
                      occurredAt: toLocalDateTimeInput(item.occurredAt, timeZone),
                      durationMinutes: item.durationMinutes === null ? "" : String(item.durationMinutes),
                      outcome: item.outcome ?? "",
                      contactId: item.contact?.id ?? "",
                      opportunityId: item.opportunity?.id ?? "",
                      participants: item.participants.join(", "),
                      body: item.body ?? "",
                    },
                  }}
                  deleteControl={<DeleteActivityButton action={deleteAction} id={item.id} subject={item.subject} />}
                >
                  <TimelineEntry item={item} t={t} when={format.dateTime(item.occurredAt, { dateStyle: "medium", timeStyle: "short" })} tenantPath={tenantPath} />
                </EditableActivity>
              ) : (
                <TimelineEntry item={item} t={t} when={format.dateTime(item.occurredAt, { dateStyle: "medium", timeStyle: "short" })} tenantPath={tenantPath} />
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="flex gap-3 text-sm">
        {cursor ? (
          <Link href={`${basePath}#timeline`} className="font-medium text-brand-700 underline dark:text-brand-300">
            {t("newest")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`${basePath}?timeline=${page.nextCursor}#timeline`} className="font-medium text-brand-700 underline dark:text-brand-300">
            {t("older")}
          </Link>
        ) : null}
      </div>
    </section>
  );
}

function TimelineEntry({
  item,
  t,
  when,
  tenantPath,
}: {
  item: TimelineItem;
  t: Awaited<ReturnType<typeof getTranslations<"activities">>>;
  when: string;
  tenantPath: string;
}) {
  // A stored outcome this build has no words for is shown as stored.
  const outcome = (stored: string) => {
    const key = `outcomes.${stored}`;
    return isMessageKey(t, key) ? t(key) : stored;
  };
  if (item.kind === "stage-change") {
    return (
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TYPE_BADGE.STAGE}`}>{t("stageChange")}</span>
        <span className="text-slate-900 dark:text-slate-100">
          {item.from
            ? t("stageMoved", { opportunity: item.opportunity.title, from: item.from.name, to: item.to.name })
            : t("stageCreated", { opportunity: item.opportunity.title, to: item.to.name })}
        </span>
        <span className="text-slate-600 dark:text-slate-400">
          {t("byWhen", { name: item.changedBy?.name ?? t("someone"), when })}
        </span>
      </div>
    );
  }
  return (
    <article className="space-y-1.5 text-sm">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${TYPE_BADGE[item.type]}`}>{t(`types.${item.type}`)}</span>
        <h3 className="break-words font-semibold text-slate-900 dark:text-white">{item.subject}</h3>
      </div>
      <p className="text-slate-600 dark:text-slate-400">
        {t("byWhen", { name: item.owner.name, when })}
        {item.edited ? ` · ${t("edited")}` : ""}
        {item.durationMinutes !== null ? ` · ${t("minutes", { count: item.durationMinutes })}` : ""}
        {item.outcome ? ` · ${outcome(item.outcome)}` : ""}
      </p>
      {item.participants.length > 0 ? <p className="text-slate-700 dark:text-slate-300">{t("with", { names: item.participants.join(", ") })}</p> : null}
      <p className="flex flex-wrap gap-x-3 text-slate-700 dark:text-slate-300">
        <Link href={`${tenantPath}/customers/${item.customer.id}`} className="underline">
          {item.customer.name}
        </Link>
        {item.contact ? (
          <Link href={`${tenantPath}/customers/${item.customer.id}/contacts/${item.contact.id}`} className="underline">
            {item.contact.name}
          </Link>
        ) : null}
        {item.opportunity ? (
          <Link href={`${tenantPath}/opportunities/${item.opportunity.id}`} className="underline">
            {item.opportunity.title}
          </Link>
        ) : null}
      </p>
      {item.body ? <p className="whitespace-pre-line text-slate-800 dark:text-slate-200">{item.body}</p> : null}
    </article>
  );
}
