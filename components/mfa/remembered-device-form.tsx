"use client";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import type { FormState } from "@/lib/forms/form-state";

type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** "Forget" / "Forget all" for remembered devices, with its outcome announced. */
export function RememberedDeviceForm({ action, deviceId, children }: { action: BoundAction; deviceId?: string; children: ReactNode }) {
  const t = useTranslations("rememberedDevices");
  const form = useActionForm(action);
  const message = form.state.message;
  return (
    <form {...form.formProps}>
      {deviceId ? <input type="hidden" name="deviceId" value={deviceId} /> : null}
      <fieldset disabled={form.pending} className="contents">
        {children}
      </fieldset>
      <FormStatus state={form.state} errorCount={0} successMessage={message === "forgotten" || message === "forgottenAll" ? t(message) : undefined} />
    </form>
  );
}
