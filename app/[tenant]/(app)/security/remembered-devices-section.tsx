import { getFormatter, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { readRememberedDeviceTokens } from "@/lib/auth/remembered-devices";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { listOwnRememberedDevices } from "@/lib/dal/mfa/remembered-devices";
import { describeUserAgent } from "@/lib/user-agent";
import { Card } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { RememberedDeviceForm } from "@/components/mfa/remembered-device-form";
import { forgetAllRememberedDevicesAction, forgetRememberedDeviceAction } from "./remembered-devices-actions";

/** Browsers where the member chose "Remember this device": listed with "Forget" and "Forget all". */
export async function RememberedDevicesSection({ member }: { member: MemberContext }) {
  const [t, format, devices, policy] = await Promise.all([
    getTranslations("rememberedDevices"),
    getFormatter(),
    readRememberedDeviceTokens().then((tokens) => listOwnRememberedDevices(member, tokens)),
    getMfaPolicy(member.tenant.id),
  ]);
  const slug = member.tenant.slug;
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <Card>
      <section aria-labelledby="remembered-devices-title" data-testid="remembered-devices">
        <h2 id="remembered-devices-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
        {!policy.allowRememberDevice && devices.length > 0 ? <p className="mb-3 text-sm font-medium text-amber-800 dark:text-amber-300">{t("disabledByPolicy")}</p> : null}
        {devices.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>
        ) : (
          <>
            <ul className="divide-y divide-slate-200 dark:divide-slate-800">
              {devices.map((device) => (
                <li key={device.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-testid="remembered-device-row">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">
                      {device.userAgent ? describeUserAgent(device.userAgent) : t("unknownDevice")}
                      {device.current ? (
                        <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                          {t("thisDevice")}
                        </span>
                      ) : null}
                    </p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {[device.ip, t("remembered", { date: day(device.createdAt) }), device.lastUsedAt ? t("lastUsed", { date: day(device.lastUsedAt) }) : null, t("expires", { date: day(device.expiresAt) })]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                  </div>
                  <RememberedDeviceForm action={forgetRememberedDeviceAction.bind(null, slug)} deviceId={device.id}>
                    <button type="submit" className={`${buttonStyles.danger} ${buttonStyles.small}`}>
                      {t("forget")}
                    </button>
                  </RememberedDeviceForm>
                </li>
              ))}
            </ul>
            <div className="mt-4">
              <RememberedDeviceForm action={forgetAllRememberedDevicesAction.bind(null, slug)}>
                <button type="submit" className={buttonStyles.secondary}>
                  {t("forgetAll")}
                </button>
              </RememberedDeviceForm>
            </div>
          </>
        )}
      </section>
    </Card>
  );
}
