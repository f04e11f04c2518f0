"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import type { FormState } from "@/lib/forms/form-state";

/**
 * What follows confirming a second factor (SMS, codes by email): a first factor comes with
 * recovery codes, shown once until "I've saved them"; with none, the forced enrolment moves on to
 * `enrolledHref` (the page rendered again within the action's answer does not move on by itself).
 */
export function useConfirmedFactor(state: FormState, enrolledHref?: string) {
  const [savedCodes, setSavedCodes] = useState<string | null>(null);
  const newCodes = state.status === "success" ? (state.values.recoveryCodes ?? "") : "";
  const router = useRouter();
  const enrolledWithoutCodes = state.status === "success" && !newCodes;
  useEffect(() => {
    if (enrolledWithoutCodes && enrolledHref) router.replace(enrolledHref);
  }, [enrolledWithoutCodes, enrolledHref, router]);
  return {
    /** The new recovery codes while they are to be shown, else null. */
    codesToShow: newCodes && newCodes !== savedCodes ? newCodes.split("\n").filter(Boolean) : null,
    markSaved: () => setSavedCodes(newCodes),
  };
}
