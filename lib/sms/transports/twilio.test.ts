// The Twilio-compatible SMS provider against a stand-in server on 127.0.0.1 that answers from a
// script (the last response repeats) and records every request.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { sendSms, SmsDeliveryError } from "../send-sms";
import { selectSmsTransport } from "./select-transport";
import { createTwilioTransport, parseRetryAfter } from "./twilio";

interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
interface RecordedRequest {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

let server: Server | undefined;

async function startFakeProvider(script: FakeResponse[]) {
  const requests: RecordedRequest[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ method: request.method, path: request.url, headers: request.headers, form: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) });
      const reply = script[Math.min(requests.length - 1, script.length - 1)]!;
      response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      response.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("Expected a TCP address");
  vi.stubEnv("SMS_API_BASE_URL", `http://127.0.0.1:${address.port}`);
  return requests;
}

const SID = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "fake-auth-token-42";
const fast = () => createTwilioTransport({ baseDelayMs: 1 });
const accepted = (sid: string): FakeResponse => ({ status: 201, body: { sid, status: "queued" } });

async function deliveryError(promise: Promise<unknown>): Promise<SmsDeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SmsDeliveryError) return error;
    throw error;
  }
  throw new Error("Expected SmsDeliveryError");
}

beforeEach(() => {
  vi.stubEnv("SMS_PROVIDER", "twilio");
  vi.stubEnv("SMS_ACCOUNT_SID", SID);
  vi.stubEnv("SMS_AUTH_TOKEN", TOKEN);
  vi.stubEnv("SMS_FROM", "+15005550006");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("Twilio-compatible SMS transport", () => {
  it("posts the form to the Messages endpoint with basic auth and records the message", async () => {
    const requests = await startFakeProvider([accepted("SM111")]);
    const sent = await sendSms({ to: "+8613800138000", body: "123456 is your code", tenantId: null }, { transport: fast() });
    expect(sent.status).toBe("sent");
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(request!.form)).toEqual({ To: "+8613800138000", From: "+15005550006", Body: "123456 is your code" });
    const row = await systemDb().smsMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ to: "+8613800138000", transport: "twilio", status: "sent", providerId: "SM111", error: null });
  });

  it("retries a 429 and then succeeds", async () => {
    const requests = await startFakeProvider([{ status: 429, body: { code: 20429, message: "Too Many Requests" }, headers: { "retry-after": "0" } }, accepted("SM222")]);
    const sent = await sendSms({ to: "+14155552671", body: "hello" }, { transport: fast() });
    expect(requests).toHaveLength(2);
    expect((await systemDb().smsMessage.findUniqueOrThrow({ where: { id: sent.id } })).providerId).toBe("SM222");
  });

  it("does not retry a 400 and records the provider's refusal", async () => {
    const requests = await startFakeProvider([{ status: 400, body: { code: 21211, message: "The 'To' number +14155552671 is not a valid phone number." } }]);
    const error = await deliveryError(sendSms({ to: "+14155552671", body: "hello" }, { transport: fast() }));
    expect(requests).toHaveLength(1);
    expect(error.details).toMatchObject({ statusCode: 400, providerErrorCode: "21211", attempts: 1 });
    // The error (which may be logged) names status and code only, never the number or the token.
    expect(error.message).not.toContain("+1415");
    expect(error.message).not.toContain(TOKEN);
    const row = await systemDb().smsMessage.findUniqueOrThrow({ where: { id: error.details.smsMessageId! } });
    expect(row).toMatchObject({ status: "failed", transport: "twilio", providerId: null });
    expect(row.error).toContain("HTTP 400");
  });

  it("gives up after repeated 500s", async () => {
    const requests = await startFakeProvider([{ status: 500, body: "<html>oops</html>" }]);
    const error = await deliveryError(sendSms({ to: "+14155552671", body: "hello" }, { transport: fast() }));
    expect(requests).toHaveLength(3);
    expect(error.details).toMatchObject({ statusCode: 500, attempts: 3 });
  });

  it("reports an unreachable provider as a delivery failure", async () => {
    vi.stubEnv("SMS_API_BASE_URL", "http://127.0.0.1:9");
    const error = await deliveryError(sendSms({ to: "+14155552671", body: "hello" }, { transport: createTwilioTransport({ baseDelayMs: 1, maxAttempts: 2 }) }));
    expect(error.details).toMatchObject({ statusCode: null, attempts: 2 });
  });

  it("is chosen only by SMS_PROVIDER=twilio; otherwise the outbox", async () => {
    expect(selectSmsTransport({ SMS_PROVIDER: "twilio" }).name).toBe("twilio");
    expect(selectSmsTransport({ SMS_PROVIDER: "" }).name).toBe("outbox");
    expect(selectSmsTransport({}).name).toBe("outbox");
    vi.stubEnv("SMS_PROVIDER", "");
    const sent = await sendSms({ to: "+8613800138000", body: "outbox me", tenantId: null });
    expect(sent.status).toBe("outbox");
    expect(await systemDb().smsMessage.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ transport: "outbox", status: "outbox", body: "outbox me" });
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
