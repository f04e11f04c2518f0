import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { localDateKey } from "@/lib/time/zoned-time";
import { getExchangeRateSettings } from "@/lib/dal/opportunities/exchange-rates";
import { ExchangeRatesForm } from "@/components/crm/settings/exchange-rates-form";
import { phoneCountryOptions } from "@/lib/phone-country-options";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { getCrmSettings } from "@/lib/dal/crm/crm-settings";
import { listStagesForSettings } from "@/lib/dal/pipeline/manage-stages";
import { PageHeader } from "@/components/ui/card";
import { SettingsSubnav } from "@/components/settings/settings-subnav";
import { CrmSettingsForm } from "@/components/crm/settings/crm-settings-form";
import { PipelineStagesEditor } from "@/components/crm/settings/pipeline-stages-editor";
import { pipelineStagesDecided } from "@/lib/dal/setup/setup-checklist";
import { KeepStagesForm } from "@/components/crm/settings/keep-stages-form";
import { archiveStageAction, createStageAction, keepPipelineStagesAction, moveStageAction, saveCrmSettingsAction, saveExchangeRatesAction, updateStageAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("crmSettings"))("title") };
}

export default async function CrmSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/settings/crm`);
  if (!can(member.role, "crm.manageSettings")) forbidden();
  const [t, settings, stages, stagesDecided, locale, rates, timeZone] = await Promise.all([
    getTranslations("crmSettings"),
    getCrmSettings(member),
    listStagesForSettings(member),
    pipelineStagesDecided(member),
    getLocale(),
    getExchangeRateSettings(member),
    getTimeZone(),
  ]);
  const slug = member.tenant.slug;
  return (
    <div className="max-w-3xl space-y-8">
      <SettingsSubnav slug={slug} current="crm" />
      <PageHeader title={t("title")} lead={t("lead", { workspace: member.tenant.name })} />
      <CrmSettingsForm action={saveCrmSettingsAction.bind(null, slug)} saved={settings} countries={phoneCountryOptions(locale)} />
      <ExchangeRatesForm action={saveExchangeRatesAction.bind(null, slug)} saved={rates} today={localDateKey(new Date(), timeZone)} />
      <PipelineStagesEditor
        actions={{
          create: createStageAction.bind(null, slug),
          update: updateStageAction.bind(null, slug),
          move: moveStageAction.bind(null, slug),
          archive: archiveStageAction.bind(null, slug),
        }}
        stages={stages}
      />
      <KeepStagesForm action={keepPipelineStagesAction.bind(null, slug)} decided={stagesDecided} />
    </div>
  );
}
