import { describe, expect, it } from "vitest";
import { POST } from "./route";
import { checkPassword } from "@/lib/auth/password-policy/check-password.server";
import { RECOMMENDED_POLICY } from "@/lib/auth/password-policy/policy";

const context = { workspaceName: "Northwind", workspaceSlug: "northwind", userName: "Ana Silva", email: "ana@example.com" };

function post(body: string, contentType = "application/json") {
  return POST(new Request("http://localhost/api/password-check", { method: "POST", headers: { "content-type": contentType }, body }));
}

describe("POST /api/password-check", () => {
  it("answers as the server's own check does, variations included", async () => {
    for (const password of ["passwordpassword1", "P@ssw0rd2024!", "harbour lantern quietly", "correct horse battery staple"]) {
      const response = await post(JSON.stringify({ password }));
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const serverSaysCommon = (await checkPassword(password, RECOMMENDED_POLICY, context)).problems.some((p) => p.key === "passwordCommon");
      expect(await response.json()).toEqual({ common: serverSaysCommon });
    }
    expect(await (await post(JSON.stringify({ password: "passwordpassword1" }))).json()).toEqual({ common: true });
  });

  it("refuses anything but a JSON body with one password, without saying more", async () => {
    for (const response of [
      await post("password=passwordpassword1", "application/x-www-form-urlencoded"),
      await post("{not json"),
      await post(JSON.stringify({ password: 42 })),
      await post(JSON.stringify(["passwordpassword1"])),
      await post(JSON.stringify({ password: "" })),
      await post(JSON.stringify({ password: "a".repeat(5_000) })),
    ]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "badRequest" });
    }
  });

  it("doesn't look up a value longer than any password accepted", async () => {
    expect(await (await post(JSON.stringify({ password: "password".repeat(33) }))).json()).toEqual({ common: false });
  });
});
