// CRM settings: validation (nothing written on a bad value), who may change them, the audit entry.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { TEST_META, addMember, auditEvents, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { getCrmSettings, updateCrmSettings } from "./crm-settings";

let ws: TestWorkspace;
let owner: MemberContext;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
});

describe("CRM settings", () => {
  it("start a workspace on the country of the language it signed up in, and let an Owner change it", async () => {
    const chinese = await createWorkspace({ locale: "zh-CN" });
    expect((await getCrmSettings(memberContext(chinese.owner, chinese.tenant))).defaultCountry).toBe("CN");
    const result = await updateCrmSettings(owner, { staleOpportunityDays: "14", defaultCurrency: "USD", defaultCountry: "gb" }, TEST_META);
    expect(result).toEqual({ ok: true, changes: { defaultCountry: { from: "US", to: "GB" } } });
    expect((await getCrmSettings(owner)).defaultCountry).toBe("GB");
    // Left out (a caller from before the setting), it stays as it is.
    expect(await updateCrmSettings(owner, { staleOpportunityDays: "14", defaultCurrency: "USD" }, TEST_META)).toEqual({ ok: true, changes: {} });
  });

  it("refuses a country numbers can't be read in, and writes nothing", async () => {
    for (const defaultCountry of ["ZZ", "China", "", "C"]) {
      const result = await updateCrmSettings(owner, { staleOpportunityDays: "30", defaultCurrency: "JPY", defaultCountry }, TEST_META);
      expect(result).toEqual({ ok: false, fieldErrors: { defaultCountry: ["phoneCountryInvalid"] } });
    }
    expect(await getCrmSettings(owner)).toMatchObject({ staleOpportunityDays: 14, defaultCountry: "US" });
  });

  it("saves valid settings and audits only what changed", async () => {
    expect(await getCrmSettings(owner)).toEqual({ repsSeeOwnRecordsOnly: false, staleOpportunityDays: 14, defaultCurrency: "USD", defaultCountry: "US" });
    const result = await updateCrmSettings(owner, { repsSeeOwnRecordsOnly: "on", staleOpportunityDays: "30", defaultCurrency: "jpy" }, TEST_META);
    expect(result).toEqual({
      ok: true,
      changes: { repsSeeOwnRecordsOnly: { from: false, to: true }, staleOpportunityDays: { from: 14, to: 30 }, defaultCurrency: { from: "USD", to: "JPY" } },
    });
    expect(await getCrmSettings(owner)).toEqual({ repsSeeOwnRecordsOnly: true, staleOpportunityDays: 30, defaultCurrency: "JPY", defaultCountry: "US" });
    const events = await auditEvents(ws.tenant.id, "crm.settings_changed");
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ changes: { staleOpportunityDays: { from: 14, to: 30 } } });
    // Saving the same values again writes no audit entry.
    await updateCrmSettings(owner, { repsSeeOwnRecordsOnly: "on", staleOpportunityDays: "30", defaultCurrency: "JPY" }, TEST_META);
    expect(await auditEvents(ws.tenant.id, "crm.settings_changed")).toHaveLength(1);
  });

  it("refuses out-of-range days and unknown currencies, writing nothing", async () => {
    const result = await updateCrmSettings(owner, { repsSeeOwnRecordsOnly: "on", staleOpportunityDays: "366", defaultCurrency: "XYZ" }, TEST_META);
    expect(result).toEqual({
      ok: false,
      fieldErrors: { staleOpportunityDays: ["settingsNumberRange?min=0&max=365"], defaultCurrency: ["currencyInvalid"] },
    });
    expect(await updateCrmSettings(owner, { staleOpportunityDays: "1.5", defaultCurrency: "USD" }, TEST_META)).toMatchObject({ ok: false });
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id } });
    expect([tenant.repsSeeOwnRecordsOnly, tenant.staleOpportunityDays, tenant.defaultCurrency]).toEqual([false, 14, "USD"]);
    expect(await auditEvents(ws.tenant.id, "crm.settings_changed")).toHaveLength(0);
  });

  it("is changed only by Owners and Admins, and only in their own workspace", async () => {
    const manager = memberContext(await addMember(ws.tenant.id, "MANAGER"), ws.tenant);
    await expect(updateCrmSettings(manager, { staleOpportunityDays: "1", defaultCurrency: "USD" }, TEST_META)).rejects.toThrow(PermissionDeniedError);
    const other = await createWorkspace();
    await updateCrmSettings(memberContext(other.owner, other.tenant), { repsSeeOwnRecordsOnly: "on", staleOpportunityDays: "0", defaultCurrency: "EUR" }, TEST_META);
    expect(await getCrmSettings(owner)).toEqual({ repsSeeOwnRecordsOnly: false, staleOpportunityDays: 14, defaultCurrency: "USD", defaultCountry: "US" });
  });
});
