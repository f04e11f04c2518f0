import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// What the board's and the table's client components read; the record and form pages add every message in their own layouts.
export default function OpportunitiesLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["opportunities", "errors"]}>{children}</ClientMessages>;
}
