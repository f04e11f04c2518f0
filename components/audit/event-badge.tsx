const ALERT = new Set(["signin.failure", "account.locked", "device.not_me", "member.deactivated", "passkey.counter_regression", "signin.link_refused"]);
const GOOD = new Set(["signin.success", "account.unlocked", "member.joined", "member.reactivated"]);
const NOTABLE = new Set(["member.role_changed", "policy.changed", "password.reset", "password.changed", "sessions.revoked_all", "device.new"]);

/** The event's name in a pill whose colour hints at how much it matters (the text says it all). */
export function EventBadge({ type, label }: { type: string; label: string }) {
  const tone = ALERT.has(type)
    ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200"
    : GOOD.has(type)
      ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
      : NOTABLE.has(type)
        ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200";
  return <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${tone}`}>{label}</span>;
}
