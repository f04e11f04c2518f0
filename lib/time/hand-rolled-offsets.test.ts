import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The rule in eslint.config.mjs that keeps zone arithmetic in lib/time/zoned-time.ts, tried on
// fixtures the way `npm run lint` would see them in a DAL file.
const eslint = new ESLint({ cwd: process.cwd() });

async function lintRules(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: "lib/dal/reports/fixture.ts" });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe("time zone arithmetic outside lib/time/zoned-time.ts", () => {
  it("fails lint when an offset is read out of Intl's parts or from the server's zone", async () => {
    const messages = await lintRules(
      [
        'const parts = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", hour: "numeric" }).formatToParts(new Date());',
        "export const hour = Number(parts.find((part) => part.type === \"hour\")?.value);",
        "export const offset = new Date().getTimezoneOffset();",
        "",
      ].join("\n"),
    );
    expect(messages).toEqual([
      expect.stringMatching(/^no-restricted-properties: 'formatToParts' .*lib\/time\/zoned-time\.ts/),
      expect.stringMatching(/^no-restricted-properties: 'getTimezoneOffset' .*lib\/time\/zoned-time\.ts/),
    ]);
  }, 60_000);

  it("leaves showing a date in a zone alone", async () => {
    const messages = await lintRules('export const shown = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", timeZoneName: "short" }).format(new Date());\n');
    expect(messages).toEqual([]);
  }, 60_000);
});
