import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { can, mayMergeCustomers } from "@/lib/auth/permissions";
import { getCustomer } from "@/lib/dal/customers/get-customer";
import { findProbableDuplicates } from "@/lib/dal/customers/find-duplicates";
import { listCustomers } from "@/lib/dal/customers/list-customers";
import { getMergePair, listMergeCandidates, type MergeSide } from "@/lib/dal/customers/merge-customers";
import { MERGE_FIELDS, type MergeField } from "@/lib/validation/customer-merge";
import { formatCrmPhone } from "@/lib/validation/crm-phone";
import { labelKey } from "@/lib/validation/customer";
import { readerLocale } from "@/lib/i18n/name-order";
import type { RootTranslator } from "@/lib/i18n/message-keys";
import { storedListLabel } from "@/components/customers/field-definitions";
import { MergeForm, type MergeRow } from "@/components/customers/merge-form";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { mergeCustomersAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customerMerge"))("title") };
}

type Translate = RootTranslator;

/** A field's stored value as the record page says it. */
function display(t: Translate, field: MergeField, side: MergeSide): string | null {
  const value = side.values[field];
  if (field === "ownerId") return side.ownerName;
  if (value === null || value === "") return null;
  if (field === "status") return t(labelKey("status", value as "LEAD" | "ACTIVE" | "INACTIVE"));
  if (field === "industry" || field === "size" || field === "source") return storedListLabel(t, field, value);
  if (field === "phone") return formatCrmPhone(value);
  if (field === "website") return value.replace(/^https?:\/\//, "");
  return value;
}

export default async function CustomerMergePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant, id } = await params;
  const query = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/customers/${encodeURIComponent(id)}/merge`);
  if (!can(member.role, "records.write")) forbidden();
  const customer = await getCustomer(member, id);
  if (!customer) notFound();
  const t = await getTranslations();
  const recordHref = `/${tenant}/customers/${customer.id}`;
  const withId = typeof query.with === "string" ? query.with.slice(0, 40) : "";

  if (!withId) {
    // Step 1: which record? Probable duplicates first, then whatever the member searches for.
    const q = typeof query.q === "string" ? query.q.slice(0, 200).trim() : "";
    const [suggested, found] = await Promise.all([
      findProbableDuplicates(member, { name: customer.name, website: customer.website, phones: [customer.phone], excludeCustomerId: customer.id }),
      q ? listCustomers(member, { q, sort: "name", dir: "asc", pageSize: 20 }, readerLocale(await getLocale())) : null,
    ]);
    const mergeable = (ownerId: string) => mayMergeCustomers(member.role, member.user.id, [customer.ownerId, ownerId]);
    const suggestedIds = new Set(suggested.filter((match) => match.kind === "customer").map((match) => match.id));
    const suggestedRows = found === null ? await listMergeCandidates(member, [...suggestedIds]) : [];
    const rows = (found?.rows ?? suggestedRows).filter((row) => row.id !== customer.id && mergeable(row.ownerId));
    return (
      <div className="max-w-3xl space-y-6">
        <nav aria-label={t("customers.breadcrumb")} className="text-sm">
          <Link href={recordHref} className="text-brand-700 hover:underline dark:text-brand-300">
            ← {customer.name}
          </Link>
        </nav>
        <PageHeader title={t("customerMerge.pickTitle", { name: customer.name })} lead={t("customerMerge.pickLead")} />
        <Card>
          <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search">
            <div className="flex-1">
              <label htmlFor="merge-q" className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
                {t("customerMerge.searchLabel")}
              </label>
              <input id="merge-q" name="q" type="search" defaultValue={q} className={inputClass} maxLength={200} />
            </div>
            <button type="submit" className={buttonStyles.secondary}>
              {t("customerMerge.search")}
            </button>
          </form>
          <h2 className="mt-6 mb-3 text-lg font-semibold">{q ? t("customerMerge.results") : t("customerMerge.suggested")}</h2>
          {rows.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("customerMerge.noResults")}</p>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="merge-candidates">
              {rows.map((row) => (
                <li key={row.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium wrap-anywhere">{row.name}</p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {[row.city, t("customers.ownedBy", { name: row.owner.name })].filter(Boolean).join(" · ")}
                    </p>
                  </div>
                  <Link href={`${recordHref}/merge?with=${encodeURIComponent(row.id)}`} className={`${buttonStyles.secondary} ${buttonStyles.small}`} aria-label={`${t("customerMerge.compare")}: ${row.name}`}>
                    {t("customerMerge.compare")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    );
  }

  // Step 2: both side by side.
  const pair = await getMergePair(member, customer.id, withId);
  if (!pair) {
    return (
      <div className="max-w-3xl space-y-6">
        <PageHeader title={t("customerMerge.title")} />
        <Notice tone="error">{t("customerMerge.notAllowed")}</Notice>
        <Link href={`${recordHref}/merge`} className={buttonStyles.secondary}>
          {t("customerMerge.cancel")}
        </Link>
      </div>
    );
  }
  const { keep, merge } = pair;
  const keepName = keep.values.name ?? "";
  const mergeName = merge.values.name ?? "";
  const rows: MergeRow[] = MERGE_FIELDS.map((field) => {
    const keepText = display(t, field, keep);
    const mergeText = display(t, field, merge);
    const same = field === "ownerId" ? keep.ownerId === merge.ownerId : (keep.values[field] ?? "") === (merge.values[field] ?? "");
    return { field, label: t(`crmFields.${field}`), keep: keepText, merge: mergeText, same, preferMerge: !same && !keepText && !!mergeText };
  });
  const tags = [...keep.tags];
  for (const tag of merge.tags) if (!tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  const moves = merge.counts;

  return (
    <div className="max-w-4xl space-y-6">
      <nav aria-label={t("customers.breadcrumb")} className="text-sm">
        <Link href={recordHref} className="text-brand-700 hover:underline dark:text-brand-300">
          ← {customer.name}
        </Link>
      </nav>
      <PageHeader title={t("customerMerge.title")} lead={t("customerMerge.lead", { keep: keepName, merge: mergeName })} />
      <p>
        <Link href={`/${tenant}/customers/${merge.id}/merge?with=${encodeURIComponent(keep.id)}`} className="text-sm font-medium text-brand-700 underline dark:text-brand-300" data-testid="merge-swap">
          {t("customerMerge.swap", { name: mergeName })}
        </Link>
      </p>
      <Card>
        <MergeForm
          action={mergeCustomersAction.bind(null, tenant)}
          hidden={{ keepId: keep.id, keepVersion: String(keep.version), mergeId: merge.id, mergeVersion: String(merge.version) }}
          keepName={keepName}
          mergeName={mergeName}
          rows={rows}
          tagsText={t("customerMerge.tagsUnion", { tags: tags.length ? tags.join(", ") : t("customerMerge.noTags") })}
          movesText={t("customerMerge.moves", { ...moves, keep: keepName })}
          cancelHref={recordHref}
        />
      </Card>
    </div>
  );
}
