import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// What the chart cards read (components/reports/report-chart-card.tsx).
export default function ReportsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["reports"]}>{children}</ClientMessages>;
}
