import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import { consumeRecoveryCode, countUnusedRecoveryCodes, generateRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes";

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await createWorkspace();
});

describe("recovery codes", () => {
  it("are ten distinct human-friendly codes, stored only as hashes", async () => {
    const codes = await generateRecoveryCodes(ws.tenant.id, ws.owner.id);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    const rows = await systemDb().recoveryCode.findMany({ where: { tenantId: ws.tenant.id, userId: ws.owner.id } });
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replace("-", ""));
    }
    for (const row of rows) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(10);
  });

  it("work once each", async () => {
    const [first, second] = await generateRecoveryCodes(ws.tenant.id, ws.owner.id);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, first!)).toBe(true);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, first!)).toBe(false);
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(9);
    const concurrent = await Promise.all([1, 2, 3].map(() => consumeRecoveryCode(ws.tenant.id, ws.owner.id, second!)));
    expect(concurrent.filter(Boolean)).toHaveLength(1);
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(8);
  });

  it("are accepted in any case, without the dash, with spaces, and with O/I/L for 0/1", async () => {
    const codes = await generateRecoveryCodes(ws.tenant.id, ws.owner.id);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, codes[0]!.toUpperCase())).toBe(true);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, ` ${codes[1]!.replace("-", "")} `)).toBe(true);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, codes[2]!.replace("-", " ").replace(/(.{3})/, "$1 "))).toBe(true);
    const confusable = codes[3]!.replace(/0/g, "O").replace(/1/g, "l");
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, confusable)).toBe(true);
    expect(normaliseRecoveryCode("ABCDE-FGHJK")).toBe("abcdefghjk");
    expect(normaliseRecoveryCode("abcde-fghj")).toBeNull();
    expect(normaliseRecoveryCode("abcde-fghju")).toBeNull();
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, "")).toBe(false);
  });

  it("regenerating invalidates every earlier code", async () => {
    const old = await generateRecoveryCodes(ws.tenant.id, ws.owner.id);
    const fresh = await generateRecoveryCodes(ws.tenant.id, ws.owner.id);
    for (const code of old) expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, code)).toBe(false);
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(10);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, fresh[0]!)).toBe(true);
  });

  it("belong to one member of one workspace", async () => {
    const codes = await generateRecoveryCodes(ws.tenant.id, ws.owner.id);
    const colleague = await addMember(ws.tenant.id, "ADMIN");
    expect(await consumeRecoveryCode(ws.tenant.id, colleague.id, codes[0]!)).toBe(false);
    const other = await createWorkspace();
    expect(await consumeRecoveryCode(other.tenant.id, ws.owner.id, codes[0]!)).toBe(false);
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(10);
  });
});
