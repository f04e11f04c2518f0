import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The merge form's words and its refusals.
export default function CustomerMergeLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["errors", "customerMerge"]}>{children}</ClientMessages>;
}
