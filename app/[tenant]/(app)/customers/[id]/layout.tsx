import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// What the record's client components read (the delete form, the timeline, reminders); its
// edit and contact pages add every message in their own layouts.
export default function CustomerRecordLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["members", "errors", "activities", "tasks"]}>{children}</ClientMessages>;
}
