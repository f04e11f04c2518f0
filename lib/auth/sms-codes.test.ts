// SMS codes as a member and an attacker meet them: expiry, the attempt limit, the resend cooldown,
// per-number and per-workspace limits, a failing provider, and codes used by the wrong member.
import { createServer, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { smsOutboxTransport } from "@/lib/sms/transports/outbox";
import { createTwilioTransport } from "@/lib/sms/transports/twilio";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import { checkSmsCode, sendSmsCode, SMS_NUMBER_LIMIT, verifySmsCode } from "./sms-codes";

let ws: TestWorkspace;
let phone: string;
let counter = 0;
const T0 = new Date("2026-11-29T04:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const outbox = { transport: smsOutboxTransport };

// A distinct valid Chinese mobile per test, so per-number limits of one test don't leak into another.
function freshPhone(): string {
  counter++;
  return `+86138${String(process.pid % 1000).padStart(3, "0")}${String(counter).padStart(5, "0")}`;
}

async function lastCodeSentTo(to: string): Promise<string> {
  const message = await systemDb().smsMessage.findFirstOrThrow({ where: { to }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const match = /\b(\d{6})\b/.exec(message.body);
  if (!match) throw new Error(`No code in: ${message.body}`);
  return match[1]!;
}

function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

const base = () => ({ tenantId: ws.tenant.id, userId: ws.owner.id, phone, purpose: "verify-phone" as const, locale: "en" });

beforeEach(async () => {
  ws = await createWorkspace();
  phone = freshPhone();
});

describe("sendSmsCode", () => {
  it("texts a 6-digit code with the workspace name and a warning, and stores only an HMAC", async () => {
    expect(await sendSmsCode(base(), { now: T0, ...outbox })).toEqual({ ok: true, resendAfterSeconds: 60 });
    const message = await systemDb().smsMessage.findFirstOrThrow({ where: { to: phone } });
    expect(message.body).toContain(ws.tenant.name);
    expect(message.body).toContain("Don't share this code");
    expect(message.tenantId).toBe(ws.tenant.id);
    const code = await lastCodeSentTo(phone);
    const row = await systemDb().smsCode.findFirstOrThrow({ where: { tenantId: ws.tenant.id, userId: ws.owner.id } });
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.expiresAt).toEqual(at(300));
  });

  it("writes the text in Chinese for a Chinese-speaking member", async () => {
    await sendSmsCode({ ...base(), locale: "zh-CN" }, { now: T0, ...outbox });
    const message = await systemDb().smsMessage.findFirstOrThrow({ where: { to: phone } });
    expect(message.body).toContain("请勿将验证码告诉他人");
    expect(message.body).toContain(ws.tenant.name);
  });

  it("makes the member wait 60 seconds before another code, then replaces the old one", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    const first = await lastCodeSentTo(phone);
    expect(await sendSmsCode(base(), { now: at(20), ...outbox })).toEqual({ ok: false, reason: "cooldown", retryAfterSeconds: 40 });
    expect(await sendSmsCode(base(), { now: at(59.5), ...outbox })).toEqual({ ok: false, reason: "cooldown", retryAfterSeconds: 1 });
    expect(await systemDb().smsMessage.count({ where: { to: phone } })).toBe(1);
    expect(await sendSmsCode(base(), { now: at(60), ...outbox })).toMatchObject({ ok: true });
    const second = await lastCodeSentTo(phone);
    if (first !== second) {
      expect(await verifySmsCode({ ...base(), code: first, now: at(61) })).toBe("invalid");
    }
    expect(await verifySmsCode({ ...base(), code: second, now: at(62) })).toBe("ok");
  });

  it("lets two simultaneous requests send only one code", async () => {
    const results = await Promise.all([1, 2, 3].map(() => sendSmsCode(base(), { now: T0, ...outbox })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await systemDb().smsMessage.count({ where: { to: phone } })).toBe(1);
  });

  it("stops texting one number after five an hour, whichever member or workspace asks", async () => {
    const members = await Promise.all([1, 2, 3, 4, 5, 6].map(() => addMember(ws.tenant.id, "SALES_REP")));
    const results = [];
    for (const member of members) results.push(await sendSmsCode({ ...base(), userId: member.id }, { now: T0, ...outbox }));
    expect(results.slice(0, SMS_NUMBER_LIMIT.limit).every((r) => r.ok)).toBe(true);
    expect(results[5]).toEqual({ ok: false, reason: "number-limit" });
    const other = await createWorkspace();
    expect(await sendSmsCode({ ...base(), tenantId: other.tenant.id, userId: other.owner.id }, { now: T0, ...outbox })).toEqual({ ok: false, reason: "number-limit" });
    expect(await systemDb().smsMessage.count({ where: { to: phone } })).toBe(5);
  });

  it("stops a workspace after its hourly allowance", async () => {
    const key = `sms-workspace:${ws.tenant.id}`;
    const windowStart = new Date(Math.floor(T0.getTime() / 3_600_000) * 3_600_000);
    await systemDb().rateLimitCounter.create({ data: { key, windowStart, count: 200, expiresAt: new Date(windowStart.getTime() + 3_600_000) } });
    expect(await sendSmsCode(base(), { now: T0, ...outbox })).toEqual({ ok: false, reason: "workspace-limit" });
    expect(await systemDb().smsMessage.count({ where: { to: phone } })).toBe(0);
    expect(await verifySmsCode({ ...base(), code: "000000", now: T0 })).toBe("no-code");
  });

  it("surfaces a provider failure, and the code that never arrived is gone", async () => {
    const server: Server = createServer((_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ code: 21614, message: "'To' number is not a valid mobile number" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("Expected a TCP address");
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const transport = createTwilioTransport({ baseUrl: `http://127.0.0.1:${address.port}`, accountSid: "AC1", authToken: "t", from: "+15005550006", baseDelayMs: 1 });
      expect(await sendSmsCode(base(), { now: T0, transport })).toEqual({ ok: false, reason: "provider" });
      expect(await systemDb().smsMessage.findFirstOrThrow({ where: { to: phone } })).toMatchObject({ status: "failed" });
      expect(await systemDb().smsCode.count({ where: { tenantId: ws.tenant.id, userId: ws.owner.id } })).toBe(0);
      // No cooldown for a code nobody received.
      expect(await sendSmsCode(base(), { now: at(1), ...outbox })).toMatchObject({ ok: true });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      vi.restoreAllMocks();
    }
  });

  it("sends sign-in codes only to the member's verified phone", async () => {
    await expect(sendSmsCode({ ...base(), purpose: "sign-in" }, { now: T0, ...outbox })).rejects.toThrow();
    await systemDb().phoneFactor.create({ data: { tenantId: ws.tenant.id, userId: ws.owner.id, phone, verifiedAt: T0 } });
    await expect(sendSmsCode({ ...base(), purpose: "sign-in", phone: freshPhone() }, { now: T0, ...outbox })).rejects.toThrow();
    expect(await sendSmsCode({ ...base(), purpose: "sign-in" }, { now: T0, ...outbox })).toMatchObject({ ok: true });
  });
});

describe("verifySmsCode", () => {
  it("accepts the right code once", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    const code = await lastCodeSentTo(phone);
    expect(await checkSmsCode({ ...base(), code, now: at(10) })).toEqual({ verdict: "ok", phone });
    expect(await verifySmsCode({ ...base(), code, now: at(11) })).toBe("no-code");
  });

  it("refuses a code after five minutes", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    const code = await lastCodeSentTo(phone);
    expect(await verifySmsCode({ ...base(), code, now: at(300) })).toBe("expired");
    expect(await verifySmsCode({ ...base(), code, now: at(299) })).toBe("ok");
  });

  it("burns the code on the fifth wrong try, so the right one is then refused", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    const code = await lastCodeSentTo(phone);
    const wrong = otherCode(code);
    for (let i = 0; i < 4; i++) expect(await verifySmsCode({ ...base(), code: wrong, now: at(5) })).toBe("invalid");
    expect(await verifySmsCode({ ...base(), code: wrong, now: at(5) })).toBe("too-many-attempts");
    expect(await verifySmsCode({ ...base(), code, now: at(6) })).toBe("too-many-attempts");
  });

  it("counts concurrent guesses: never more than five checked", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    const code = await lastCodeSentTo(phone);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(guesses.map((guess) => verifySmsCode({ ...base(), code: guess, now: at(5) })));
    expect(results.filter((r) => r === "invalid").length).toBeLessThanOrEqual(4);
    const row = await systemDb().smsCode.findFirstOrThrow({ where: { tenantId: ws.tenant.id, userId: ws.owner.id } });
    expect(row.attempts).toBe(5);
    expect(await verifySmsCode({ ...base(), code, now: at(6) })).toBe("too-many-attempts");
  });

  it("refuses malformed input as a wrong try", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    expect(await verifySmsCode({ ...base(), code: "12ab56", now: at(1) })).toBe("invalid");
    expect(await verifySmsCode({ ...base(), code: "", now: at(1) })).toBe("invalid");
  });

  it("says when there is no code to check", async () => {
    expect(await verifySmsCode({ ...base(), code: "123456", now: T0 })).toBe("no-code");
  });

  it("does not let another member, workspace or purpose use the code", async () => {
    await sendSmsCode(base(), { now: T0, ...outbox });
    const code = await lastCodeSentTo(phone);
    const colleague = await addMember(ws.tenant.id, "ADMIN");
    expect(await verifySmsCode({ ...base(), userId: colleague.id, code, now: at(1) })).toBe("no-code");
    const other = await createWorkspace();
    expect(await verifySmsCode({ ...base(), tenantId: other.tenant.id, code, now: at(1) })).toBe("no-code");
    expect(await verifySmsCode({ ...base(), tenantId: other.tenant.id, userId: other.owner.id, code, now: at(1) })).toBe("no-code");
    expect(await verifySmsCode({ ...base(), purpose: "sign-in", code, now: at(1) })).toBe("no-code");
    // Still intact for its owner.
    expect(await verifySmsCode({ ...base(), code, now: at(2) })).toBe("ok");
  });
});

afterEach(() => vi.restoreAllMocks());
