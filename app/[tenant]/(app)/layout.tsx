import type { ReactNode } from "react";
import { requireMember } from "@/lib/auth/current-member";
import { AppShell } from "@/components/shell/app-shell";

export default async function SignedInLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  // Each page checks the session again itself; this only draws the frame around it.
  const member = await requireMember(tenant);
  return <AppShell member={member}>{children}</AppShell>;
}
