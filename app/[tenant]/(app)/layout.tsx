import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { requireMember } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { TIME_ZONE_COOKIE, validTimeZone } from "@/lib/i18n/time-zone";
import { countMyOpenDueTasks } from "@/lib/dal/tasks/list-tasks";
import { syncMemberTimeZone } from "@/lib/dal/tasks/member-time-zone";
import { AppShell } from "@/components/shell/app-shell";
import { mfaEnrolmentDeadline } from "@/lib/auth/mfa-enrolment";
import { MfaGraceBanner } from "@/components/mfa/mfa-grace-banner";

export default async function SignedInLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  // Each page checks the session again itself; this only draws the frame around it.
  const member = await requireMember(tenant);
  // The browser's zone (relay_tz) is remembered on the account so the daily digest goes out at
  // 08:00 on the member's clock; the nav badge counts their tasks due before their midnight.
  const zoneCookie = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  const timeZone = validTimeZone(zoneCookie);
  const [, dueTasks, mfaDeadline] = await Promise.all([
    syncMemberTimeZone(member, zoneCookie ? timeZone : null),
    can(member.role, "records.read") ? countMyOpenDueTasks(member, timeZone) : Promise.resolve(0),
    mfaEnrolmentDeadline(member),
  ]);
  return (
    <AppShell member={member} dueTasks={dueTasks}>
      {mfaDeadline ? <MfaGraceBanner slug={member.tenant.slug} workspace={member.tenant.name} deadline={mfaDeadline.deadline} passed={mfaDeadline.passed} /> : null}
      {children}
    </AppShell>
  );
}
