import { describe, expect, it } from "vitest";
import { createTranslator, type Messages } from "next-intl";
import { MESSAGES } from "@/lib/i18n/messages";
import { detailParts, deviceLabel, englishTranslator, eventLabel, type Translate } from "./audit-text";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/event-types";

const en = englishTranslator();
const zhMessages: Messages = MESSAGES["zh-CN"];
const zh: Translate = createTranslator({ locale: "zh-CN", messages: zhMessages });
const iso = (date: Date) => date.toISOString();

describe("eventLabel", () => {
  it("names every known event type in both languages", () => {
    for (const type of AUDIT_EVENT_TYPES) {
      expect(eventLabel(en, type), type).not.toBe(type);
      expect(eventLabel(zh, type), type).not.toBe(eventLabel(en, type));
    }
    expect(eventLabel(en, "signin.failure")).toBe("Sign-in failed");
    expect(eventLabel(zh, "signin.failure")).toBe("登录失败");
  });

  it("shows a type it doesn't know as stored", () => {
    expect(eventLabel(en, "invoice.exported")).toBe("invoice.exported");
  });
});

describe("detailParts", () => {
  it("translates methods, reasons and roles", () => {
    expect(detailParts(en, { method: "password", reason: "wrong-password" }, iso)).toEqual(["Method: Password", "Reason: Wrong password"]);
    expect(detailParts(en, { from: "SALES_REP", to: "MANAGER" }, iso)).toEqual(["Role: Sales rep → Manager"]);
    expect(detailParts(zh, { from: "SALES_REP", to: "MANAGER" }, iso)).toEqual(["角色：销售代表 → 经理"]);
  });

  it("says what \"this wasn't me\" removed, and through what, as sentences", () => {
    const data = {
      sessionsRevoked: 2,
      alertedAt: "2026-12-07T03:51:51.668Z",
      removedPasskeys: 1,
      removedAuthenticatorApp: false,
      removedPhone: true,
      removedRecoveryCodes: false,
      removedEmailCodes: true,
    };
    expect(detailParts(en, data, iso)).toEqual(["2 sessions ended", "Reported sign-in: 2026-12-07T03:51:51.668Z", "1 passkey removed", "Phone removed", "Codes by email removed"]);
    expect(detailParts(zh, data, iso)).toEqual(expect.arrayContaining(["移除了 1 个通行密钥", "移除了手机"]));
    expect(detailParts(en, { via: "not-me", name: "Intruder key" }, iso)).toEqual(["Through “this wasn't me”", "name: Intruder key"]);
  });

  it("hides what other columns show and ids nobody reads", () => {
    expect(detailParts(en, { method: "password", reason: "unknown-user", username: "ghost@example.test" }, iso)).toEqual([
      "Method: Password",
      "Reason: Unknown username",
    ]);
    expect(detailParts(en, { sessionId: "abc", count: 3, keptCurrent: true }, iso)).toEqual(["3 sessions ended", "Current session kept"]);
  });

  it("tells a timed lock from one only an admin can lift", () => {
    expect(detailParts(en, { lockedUntil: "2026-03-01T10:00:00.000Z", lockNumber: 2 }, iso)).toEqual([
      "Locked until 2026-03-01T10:00:00.000Z",
      "Lockout no. 2",
    ]);
    expect(detailParts(en, { lockedUntil: "9999-12-31T00:00:00.000Z" }, iso)).toEqual(["Locked until an admin unlocks"]);
  });

  it("keeps unknown keys and values readable rather than dropping them", () => {
    expect(detailParts(en, { method: "carrier-pigeon", field: "passwordMinLength", changed: true }, iso)).toEqual([
      "Method: carrier-pigeon",
      "field: passwordMinLength",
      "changed: yes",
    ]);
  });
});

describe("deviceLabel", () => {
  const chromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  it("reads naturally in both languages", () => {
    expect(deviceLabel(en, chromeOnWindows)).toBe("Chrome on Windows");
    expect(deviceLabel(zh, chromeOnWindows)).toBe("Windows 上的 Chrome");
    expect(deviceLabel(en, "")).toBe("Unknown device");
    expect(deviceLabel(en, "curl/8.5.0")).toBe("curl");
  });
});
