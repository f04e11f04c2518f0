import { describe, expect, it } from "vitest";
import { makeCustomerInputSchema } from "./customer";
import { makeContactInputSchema } from "./contact";

// "010-8911 8888" was refused unless a free-text country was typed (issue 11, item 15): a number
// without "+" is read in the country picked beside it, else in the workspace's default country.

const customer = (fields: Record<string, string>, defaultCountry = "US") =>
  makeCustomerInputSchema({ defaultCountry }).safeParse({ name: "Beijing Trading", ownerId: "c".repeat(25), ...fields });

describe("phone numbers on customers and contacts", () => {
  it("reads a Beijing landline typed as the Chinese write it in the country picked", () => {
    const parsed = customer({ phone: "010-8911 8888", phoneCountry: "CN" });
    expect(parsed.success && parsed.data.phone).toBe("+861089118888");
  });

  it("reads it in the workspace's default country when none is picked", () => {
    const parsed = customer({ phone: "010-8911 8888" }, "CN");
    expect(parsed.success && parsed.data.phone).toBe("+861089118888");
    const elsewhere = customer({ phone: "010-8911 8888" }, "US");
    expect(elsewhere.success).toBe(false);
    expect(elsewhere.error?.issues.map((issue) => issue.message)).toEqual(["crmPhoneInvalid"]);
  });

  it("lets + win over the picker, and still reads an import row's two-letter address country", () => {
    const plus = customer({ phone: "+33 1 42 20 36 00", phoneCountry: "CN" });
    expect(plus.success && plus.data.phone).toBe("+33142203600");
    const imported = customer({ phone: "01 42 20 36 00", country: "FR" });
    expect(imported.success && imported.data.phone).toBe("+33142203600");
  });

  it("refuses a picked country that isn't one, with its own message", () => {
    const parsed = customer({ phone: "010-8911 8888", phoneCountry: "ZZ" }, "CN");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["phoneCountry", "phoneCountryInvalid"]]);
  });

  it("reads a contact's phone and mobile in the same picked country", () => {
    const parsed = makeContactInputSchema({ defaultCountry: "US" }).safeParse({
      customerId: "c".repeat(25),
      name: "王伟",
      phone: "010-8911 8888",
      mobile: "138 0013 8000",
      phoneCountry: "CN",
    });
    expect(parsed.success && [parsed.data.phone, parsed.data.mobile]).toEqual(["+861089118888", "+8613800138000"]);
  });
});
