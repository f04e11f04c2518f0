import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// What the task list's client components read (the task form, done and delete buttons).
export default function TasksLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["tasks", "errors"]}>{children}</ClientMessages>;
}
