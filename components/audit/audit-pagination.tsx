import Link from "next/link";
import { buttonStyles } from "@/components/ui/button-styles";

/** "Newer" / "Older" links for keyset pages; an end that can't be reached is shown, not linked. */
export function AuditPagination({
  label,
  newerHref,
  olderHref,
  newerLabel,
  olderLabel,
}: {
  label: string;
  newerHref: string | null;
  olderHref: string | null;
  newerLabel: string;
  olderLabel: string;
}) {
  if (!newerHref && !olderHref) return null;
  const off = `${buttonStyles.secondary} pointer-events-none opacity-50`;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2">
      {newerHref ? (
        <Link href={newerHref} className={buttonStyles.secondary} rel="prev" data-testid="audit-newer">
          <span aria-hidden="true">←</span> {newerLabel}
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          <span aria-hidden="true">←</span> {newerLabel}
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonStyles.secondary} rel="next" data-testid="audit-older">
          {olderLabel} <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span className={off} aria-disabled="true">
          {olderLabel} <span aria-hidden="true">→</span>
        </span>
      )}
    </nav>
  );
}
