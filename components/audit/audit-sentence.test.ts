// The audit log reads as sentences (issue 11, item 10): every event type the code writes has one
// in both languages, its details are words rather than internals (amr, restriction lists,
// filters as JSON, import ids), and a type this build doesn't know still reads as a sentence.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslator, type Messages } from "next-intl";
import { MESSAGES } from "@/lib/i18n/messages";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/event-types";
import type { AuditEventRow } from "@/lib/dal/audit/audit-rows";
import { englishTranslator, type Translate } from "./audit-text";
import { describeAuditEvent } from "./audit-sentence";

const en = englishTranslator();
const zhMessages: Messages = MESSAGES["zh-CN"];
const zh: Translate = createTranslator({ locale: "zh-CN", messages: zhMessages });
const options = { slug: "acme", formatDate: (date: Date) => date.toISOString() };

const mei = { id: "u-mei", name: "Mei Manager", email: "mei@example.test" };
const ravi = { id: "u-ravi", name: "Ravi Rep", email: "ravi@example.test" };

function row(type: string, data: AuditEventRow["data"] = {}, people: Partial<Pick<AuditEventRow, "actor" | "target" | "unknownUsername">> = {}) {
  return { type, data, actor: mei, target: mei, unknownUsername: null, ...people };
}

const describeIn = (t: Translate, type: string, data: AuditEventRow["data"] = {}, people = {}) => describeAuditEvent(t, row(type, data, people), options);
const internals = /amr|pwd|restriction|password-change|mfa-enrol|importJobId|filters: \{|\{"|[{}[\]]/;

describe("every audit event type", () => {
  it("has a sentence in English and in Chinese that names who did it and shows no internals", () => {
    for (const type of AUDIT_EVENT_TYPES) {
      for (const t of [en, zh]) {
        expect(t.has(`auditSentences.${type}`), `${type} has no sentence`).toBe(true);
        const { sentence } = describeIn(t, type, { method: "password", role: "MANAGER", from: "SALES_REP", to: "MANAGER", name: "YubiKey" });
        expect(sentence, type).not.toContain(type);
        expect(sentence, type).not.toMatch(internals);
        expect(sentence.length, type).toBeGreaterThan(5);
      }
      expect(describeIn(zh, type).sentence, type).not.toBe(describeIn(en, type).sentence);
    }
  });

  it("written anywhere in the code goes through the typed writer, so the list above is all of them", () => {
    // recordAuditEvent and auditEventRow take an AuditEventType, which event-types.ts must list in
    // full (a type check); a write that bypassed them could store a type nobody described.
    const root = path.resolve(import.meta.dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) {
          if (!["node_modules", "generated", ".next", ".data"].includes(name)) walk(full);
        } else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$|test-helpers\.ts$/.test(name)) {
          const source = readFileSync(full, "utf8");
          const writes = source.match(/auditEvent\.(create|createMany|upsert)\(\s*\{\s*data:\s*\S+/g) ?? [];
          for (const write of writes) if (!/data:\s*auditEventRow\(/.test(write)) offenders.push(`${path.relative(root, full)}: ${write}`);
          if (/INSERT INTO "AuditEvent"/i.test(source)) offenders.push(`${path.relative(root, full)}: raw INSERT`);
        }
      }
    };
    for (const dir of ["lib", "app", "scripts"]) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });
});

describe("describeAuditEvent", () => {
  it("says how someone signed in, and what they still had to do, without the method list", () => {
    const signIn = describeIn(en, "signin.success", { method: "password", amr: '["pwd"]', restriction: "password-change,mfa-enrol" });
    expect(signIn.sentence).toBe("Mei Manager signed in with a password");
    expect(signIn.details).toEqual(["Still to do before using the workspace: a new password, setting up two-step sign-in"]);
    const passkey = describeIn(zh, "signin.success", { method: "passkey", amr: '["passkey"]' });
    expect(passkey.sentence).toBe("Mei Manager 通过通行密钥登录");
    expect(passkey.details).toEqual([]);
  });

  it("names a failed sign-in's unknown username and its reason", () => {
    const failed = describeIn(en, "signin.failure", { method: "password", reason: "unknown-user", username: "ghost@example.test" }, { actor: null, target: null, unknownUsername: "ghost@example.test" });
    expect(failed.sentence).toBe("A sign-in as an unknown username “ghost@example.test” with a password failed");
    expect(failed.details).toEqual(["Reason: Unknown username"]);
  });

  it("shows an export's filters as labels and values, and an unfiltered export as such", () => {
    const filtered = describeIn(en, "records.exported", { what: "customers", filters: '{"status":"ACTIVE","q":"acme"}' });
    expect(filtered.sentence).toBe("Mei Manager exported the customer list");
    expect(filtered.details).toEqual(["Filters: status: Active, search: acme"]);
    expect(filtered.link).toEqual({ href: "/acme/customers?status=ACTIVE&q=acme", label: "Open the same view" });
    const log = describeIn(en, "records.exported", { what: "audit log", filters: "type=signin.failure&person=cm0abc123" });
    expect(log.details).toEqual(["Filters: event: Sign-in failed, person: one member"]);
    expect(log.link?.href).toBe("/acme/audit?type=signin.failure&person=cm0abc123");
    expect(describeIn(en, "records.exported", { what: "customers", filters: "{}" }).details).toEqual(["No filters: everything visible"]);
    expect(describeIn(zh, "records.exported", { what: "audit log", filters: "type=signin.failure" }).sentence).toBe("Mei Manager 导出了审计日志");
    expect(describeIn(zh, "records.exported", { what: "customers", filters: '{"status":"ACTIVE"}' }).details).toEqual(["筛选条件：状态: 活跃"]);
  });

  it("links an import to its page instead of showing its id", () => {
    const imported = describeIn(en, "records.imported", { importJobId: "job_123", kind: "customers", fileName: "leads.csv", status: "done", imported: 40, rejected: 2 });
    expect(imported.sentence).toBe("Mei Manager imported 40 records of customers from “leads.csv”");
    expect(imported.details).toEqual(["40 imported, 2 rejected"]);
    expect(imported.link).toEqual({ href: "/acme/customers/import/jobs/job_123", label: "Open the import" });
    expect(JSON.stringify(imported)).not.toContain("importJobId");
  });

  it("puts settings changes in words", () => {
    const policy = describeIn(en, "policy.changed", { section: "password", changes: '{"passwordMinLength":{"from":12,"to":15},"checkCommonPasswords":{"from":false,"to":true}}' });
    expect(policy.sentence).toBe("Mei Manager changed the password settings");
    expect(policy.details).toEqual(["Minimum password length: 12 → 15", "Refuse common passwords: no → yes"]);
    const stage = describeIn(zh, "crm.settings_changed", { stage: '{"action":"created","id":"s1","name":"资格确认","probability":10}' });
    expect(stage.sentence).toBe("Mei Manager 添加了销售阶段“资格确认”");
    expect(stage.details).toEqual([]);
  });

  it("tells an admin's action on someone else from a member's own", () => {
    expect(describeIn(en, "sessions.revoked_all", { count: 2, keptCurrent: true }).sentence).toBe("Mei Manager signed out on every other device");
    expect(describeIn(en, "sessions.revoked_all", { count: 2 }, { target: ravi }).sentence).toBe("Mei Manager ended all of Ravi Rep's sessions");
    expect(describeIn(en, "member.role_changed", { from: "SALES_REP", to: "MANAGER", sessionsEnded: 1 }, { target: ravi }).sentence).toBe(
      "Mei Manager changed Ravi Rep's role from Sales rep to Manager",
    );
  });

  it("describes a type this build doesn't know as a sentence, its data in words", () => {
    const future = describeIn(en, "invoice.exported", { filters: '{"status":"ACTIVE"}', invoiceCount: 3 });
    expect(future.sentence).toBe("An event involving Mei Manager was recorded: invoice.exported");
    expect(future.details).toEqual(["Filters: status: Active", "invoiceCount: 3"]);
    expect(describeIn(zh, "invoice.exported", {}, { actor: null, target: null }).sentence).toBe("记录了一个事件：invoice.exported");
  });
});
