import { createCaptchaChallenge } from "@/lib/auth/captcha";

// A fresh signed proof-of-work challenge for the captcha widget (components/forms/captcha-field.tsx).
// Public: forms that show a captcha are used before sign-in. Creating one costs the server a single
// PBKDF2 derivation (lib/auth/captcha.ts), far less than solving it costs the client.
export const dynamic = "force-dynamic";

export async function GET() {
  const challenge = await createCaptchaChallenge();
  return Response.json(challenge, { headers: { "cache-control": "no-store" } });
}
