import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { EmailDeliveryError, sendEmail, type SendEmailInput } from "../send-email";
import { createResendTransport, DEFAULT_EMAIL_FROM, parseRetryAfter } from "./resend";

// A stand-in for api.resend.com on 127.0.0.1: it answers POST /emails from a script of responses
// (the last one repeats) and records each request, so the tests see exactly what the SDK sent.

const FAKE_API_KEY = "re_test_fake_key_9f8e7d";

interface FakeResponse {
  status: number;
  /** JSON-encoded unless it is a string, which is sent as is (like an HTML page from a proxy). */
  body: unknown;
  headers?: Record<string, string>;
}

interface RecordedRequest {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

interface FakeResend {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function startFakeResend(script: FakeResponse[]): Promise<FakeResend> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      requests.push({
        method: request.method,
        path: request.url,
        headers: request.headers,
        body: raw ? JSON.parse(raw) : {},
      });
      const reply = script[Math.min(requests.length - 1, script.length - 1)];
      if (!reply) throw new Error("The fake Resend server needs at least one scripted response");
      const isJson = typeof reply.body !== "string";
      response.writeHead(reply.status, {
        "content-type": isJson ? "application/json" : "text/html",
        ...reply.headers,
      });
      response.end(isJson ? JSON.stringify(reply.body) : reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("Expected a TCP address");
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const invitation: SendEmailInput = {
  to: "new.member@example.com",
  locale: "en",
  template: {
    name: "invitation",
    data: {
      workspaceName: "Acme",
      inviterName: "Alice",
      role: "Admin",
      acceptUrl: "https://relay.example/acme/invite/secret-token",
      expiresAt: new Date("2026-03-05T15:45:00Z"),
    },
  },
};

const accepted = (id: string): FakeResponse => ({ status: 200, body: { id } });
const serverError: FakeResponse = {
  status: 500,
  body: { statusCode: 500, name: "internal_server_error", message: "Something went wrong" },
};

// Fast retries: the backoff itself is not what these tests measure (Retry-After is, below).
const fastResend = () => createResendTransport({ baseDelayMs: 1 });

async function deliveryError(promise: Promise<unknown>): Promise<EmailDeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EmailDeliveryError) return error;
    throw error;
  }
  throw new Error("Expected the send to fail with EmailDeliveryError");
}

let fake: FakeResend | undefined;

async function useFakeResend(script: FakeResponse[]): Promise<FakeResend> {
  fake = await startFakeResend(script);
  vi.stubEnv("RESEND_BASE_URL", fake.baseUrl);
  return fake;
}

beforeEach(() => {
  vi.stubEnv("RESEND_API_KEY", FAKE_API_KEY);
  vi.stubEnv("EMAIL_FROM", "");
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

describe("Resend transport", () => {
  it("sends through the SDK when RESEND_API_KEY is set and records the provider id", async () => {
    const server = await useFakeResend([accepted("re_email_1")]);

    const result = await sendEmail(invitation);

    expect(result.status).toBe("sent");
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/emails");
    expect(request?.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
    expect(request?.headers["idempotency-key"]).toMatch(/^relay-email-/);
    expect(request?.body).toMatchObject({
      from: DEFAULT_EMAIL_FROM,
      to: "new.member@example.com",
      subject: "Alice invited you to join Acme on Relay CRM",
    });
    expect(request?.body.html).toContain("https://relay.example/acme/invite/secret-token");
    expect(request?.body.text).toContain("https://relay.example/acme/invite/secret-token");

    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ transport: "resend", status: "sent", providerId: "re_email_1", error: null });
  });

  it("uses EMAIL_FROM as the sender when set", async () => {
    vi.stubEnv("EMAIL_FROM", "Acme via Relay <crm@acme.example>");
    const server = await useFakeResend([accepted("re_email_from")]);

    await sendEmail(invitation, { transport: fastResend() });

    expect(server.requests[0]?.body.from).toBe("Acme via Relay <crm@acme.example>");
  });

  it("retries after a 429, waiting as long as Retry-After asks, with the same idempotency key", async () => {
    const server = await useFakeResend([
      {
        status: 429,
        headers: { "retry-after": "1" },
        body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
      },
      accepted("re_email_2"),
    ]);

    const startedAt = Date.now();
    const result = await sendEmail(invitation, { transport: fastResend() });

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
    expect(result.status).toBe("sent");
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers["idempotency-key"]).toBe(server.requests[0]?.headers["idempotency-key"]);
    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ status: "sent", providerId: "re_email_2" });
  });

  it("gives up at once when Retry-After asks for a longer wait than maxDelayMs", async () => {
    const server = await useFakeResend([
      {
        status: 429,
        headers: { "retry-after": "60" },
        body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
      },
      accepted("re_email_late"),
    ]);

    const error = await deliveryError(
      sendEmail(invitation, { transport: createResendTransport({ baseDelayMs: 1, maxDelayMs: 5_000 }) }),
    );

    expect(server.requests).toHaveLength(1);
    expect(error.details).toMatchObject({ statusCode: 429, attempts: 1 });
  });

  it("does not retry a validation error, records the failure and throws a loggable error", async () => {
    const server = await useFakeResend([
      {
        status: 422,
        body: {
          statusCode: 422,
          name: "validation_error",
          message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
        },
      },
    ]);

    const error = await deliveryError(sendEmail(invitation, { transport: fastResend() }));

    expect(server.requests).toHaveLength(1);
    expect(error.details).toMatchObject({ statusCode: 422, providerErrorName: "validation_error", attempts: 1 });
    expect(error.message).toContain("422");
    expect(error.message).not.toContain(FAKE_API_KEY);
    expect(error.message).not.toContain("secret-token");
    expect(error.message).not.toContain("new.member@example.com");

    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: error.details.emailMessageId } });
    expect(row).toMatchObject({ transport: "resend", status: "failed", providerId: null });
    expect(row.error).toContain("validation_error");
    expect(row.error).toContain("Invalid `to` field");
  });

  it("gives up after 4 attempts when Resend keeps answering 500", async () => {
    const server = await useFakeResend([serverError]);

    const error = await deliveryError(sendEmail(invitation, { transport: fastResend() }));

    expect(server.requests).toHaveLength(4);
    expect(error.details).toMatchObject({ statusCode: 500, attempts: 4 });
    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: error.details.emailMessageId } });
    expect(row.status).toBe("failed");
  });

  it("retries a 5xx whose body is not JSON (an HTML page from a proxy)", async () => {
    const server = await useFakeResend([
      { status: 502, body: "<html><body>Bad gateway</body></html>" },
      accepted("re_email_3"),
    ]);

    const result = await sendEmail(invitation, { transport: fastResend() });

    expect(server.requests).toHaveLength(2);
    expect(result.status).toBe("sent");
  });

  it("does not retry an exhausted daily quota, although it is a 429", async () => {
    const server = await useFakeResend([
      {
        status: 429,
        body: { statusCode: 429, name: "daily_quota_exceeded", message: "You have reached your daily email sending quota." },
      },
    ]);

    const error = await deliveryError(sendEmail(invitation, { transport: fastResend() }));

    expect(server.requests).toHaveLength(1);
    expect(error.details.providerErrorName).toBe("daily_quota_exceeded");
  });

  it("retries when Resend cannot be reached, then records the failure", async () => {
    // Take a free port, then close it, so every connection is refused.
    const closed = await startFakeResend([accepted("unused")]);
    await closed.close();
    vi.stubEnv("RESEND_BASE_URL", closed.baseUrl);

    const error = await deliveryError(sendEmail(invitation, { transport: fastResend() }));

    expect(error.details).toMatchObject({ statusCode: null, attempts: 4 });
    expect(error.message).toContain("could not be reached");
    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: error.details.emailMessageId } });
    expect(row.status).toBe("failed");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates and ignores nonsense", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
