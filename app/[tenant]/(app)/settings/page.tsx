import { redirect } from "next/navigation";

// /<slug>/settings has one page so far: the workspace's security settings.
export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  redirect(`/${encodeURIComponent(tenant)}/settings/security`);
}
