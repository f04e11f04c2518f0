// The authenticator-app factor as an attacker would try it: replayed codes, earlier steps,
// codes just outside the window, unconfirmed enrolments, another member's or workspace's secret,
// and two servers checking the same code at once.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, type TestWorkspace } from "@/test/factories";
import { decodeTotpSecret, generateTotpSecret, hotp, totpStep } from "./totp";
import { hasConfirmedTotp, sealTotpSecret, verifyTotpForUser } from "./totp-factor";

let ws: TestWorkspace;
let secret: string;
const T0 = new Date("2026-11-29T04:00:15Z");

function codeAt(at: Date, offsetSteps = 0, forSecret = secret): string {
  return hotp(decodeTotpSecret(forSecret), totpStep(at) + BigInt(offsetSteps));
}

async function enrol(tenantId: string, userId: string, confirmed = true, withSecret = generateTotpSecret()) {
  await systemDb().totpFactor.create({
    data: { tenantId, userId, secretSealed: sealTotpSecret(tenantId, userId, withSecret), confirmedAt: confirmed ? new Date() : null },
  });
  return withSecret;
}

beforeEach(async () => {
  ws = await createWorkspace();
  secret = await enrol(ws.tenant.id, ws.owner.id);
});

describe("verifyTotpForUser", () => {
  it("accepts the current code once and records the step", async () => {
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeAt(T0), T0)).toBe("ok");
    const row = await systemDb().totpFactor.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: ws.tenant.id, userId: ws.owner.id } } });
    expect(row.lastUsedStep).toBe(totpStep(T0));
    expect(row.lastUsedAt).toEqual(T0);
    expect(row.secretSealed).not.toContain(secret);
  });

  it("refuses the same code again, even seconds later in the same step", async () => {
    const code = codeAt(T0);
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, code, T0)).toBe("ok");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, code, new Date(T0.getTime() + 5_000))).toBe("replayed");
    // Still valid for the window a step later, but already used.
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, code, new Date(T0.getTime() + 30_000))).toBe("replayed");
  });

  it("refuses a code of an earlier step once a later step was used", async () => {
    const later = codeAt(T0, 1);
    const earlier = codeAt(T0, 0);
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, later, T0)).toBe("ok");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, earlier, T0)).toBe("replayed");
  });

  it("accepts one step either side and refuses two", async () => {
    const other = await addMember(ws.tenant.id, "SALES_REP");
    const otherSecret = await enrol(ws.tenant.id, other.id);
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeAt(T0, -2), T0)).toBe("invalid");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeAt(T0, 2), T0)).toBe("invalid");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeAt(T0, -1), T0)).toBe("ok");
    expect(await verifyTotpForUser(ws.tenant.id, other.id, codeAt(T0, 1, otherSecret), T0)).toBe("ok");
  });

  it("refuses wrong and malformed codes", async () => {
    const right = codeAt(T0);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, wrong, T0)).toBe("invalid");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, "", T0)).toBe("invalid");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, "abcdef", T0)).toBe("invalid");
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, `${right}0`, T0)).toBe("invalid");
    // Spaces as authenticator apps show them are fine.
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, `${right.slice(0, 3)} ${right.slice(3)}`, T0)).toBe("ok");
  });

  it("refuses members without a confirmed authenticator app", async () => {
    const none = await addMember(ws.tenant.id, "ADMIN");
    expect(await verifyTotpForUser(ws.tenant.id, none.id, "123456", T0)).toBe("not-enrolled");
    expect(await hasConfirmedTotp(ws.tenant.id, none.id)).toBe(false);

    const pending = await addMember(ws.tenant.id, "ADMIN");
    const pendingSecret = await enrol(ws.tenant.id, pending.id, false);
    expect(await verifyTotpForUser(ws.tenant.id, pending.id, codeAt(T0, 0, pendingSecret), T0)).toBe("not-enrolled");
    expect(await hasConfirmedTotp(ws.tenant.id, pending.id)).toBe(false);
    expect(await hasConfirmedTotp(ws.tenant.id, ws.owner.id)).toBe(true);
  });

  it("does not accept a member's code for another member or in another workspace", async () => {
    const colleague = await addMember(ws.tenant.id, "SALES_REP");
    await enrol(ws.tenant.id, colleague.id);
    expect(await verifyTotpForUser(ws.tenant.id, colleague.id, codeAt(T0), T0)).toBe("invalid");
    const other = await createWorkspace();
    expect(await verifyTotpForUser(other.tenant.id, ws.owner.id, codeAt(T0), T0)).toBe("not-enrolled");
  });

  it("refuses a sealed secret copied onto another member's row", async () => {
    const thief = await addMember(ws.tenant.id, "SALES_REP");
    const victimRow = await systemDb().totpFactor.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: ws.tenant.id, userId: ws.owner.id } } });
    await systemDb().totpFactor.create({ data: { tenantId: ws.tenant.id, userId: thief.id, secretSealed: victimRow.secretSealed, confirmedAt: new Date() } });
    await expect(verifyTotpForUser(ws.tenant.id, thief.id, codeAt(T0), T0)).rejects.toThrow();
  });

  it("lets only one of two concurrent uses of the same code through", async () => {
    const code = codeAt(T0);
    const results = await Promise.all(Array.from({ length: 6 }, () => verifyTotpForUser(ws.tenant.id, ws.owner.id, code, T0)));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "replayed")).toHaveLength(5);
  });
});
