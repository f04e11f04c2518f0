import { describe, expect, it } from "vitest";
import { getCountries } from "libphonenumber-js/max";
import { defaultCountryForLanguage, isPhoneCountry, PHONE_COUNTRIES, phoneCountryField } from "./phone-countries";
import { phoneCountryOptions } from "./phone-country-options";

describe("phone countries", () => {
  it("are exactly the countries libphonenumber-js can read numbers in", () => {
    expect(PHONE_COUNTRIES).toEqual(getCountries());
  });

  it("accept a code from the picker and refuse anything else with a message key", () => {
    expect(phoneCountryField.parse(" cn ")).toBe("CN");
    expect(isPhoneCountry("FR")).toBe(true);
    for (const bad of ["", "ZZ", "China", "C", 86, null]) {
      const result = phoneCountryField.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe("phoneCountryInvalid");
    }
  });

  it("give a new workspace the country of its language", () => {
    expect(defaultCountryForLanguage("zh-CN")).toBe("CN");
    expect(defaultCountryForLanguage("en")).toBe("US");
  });

  it("are named in the reader's language, with calling codes, sorted for that language", () => {
    const en = phoneCountryOptions("en");
    const zh = phoneCountryOptions("zh-CN");
    expect(en).toHaveLength(PHONE_COUNTRIES.length);
    expect(en.find((option) => option.code === "CN")).toEqual({ code: "CN", name: "China", callingCode: "86" });
    expect(zh.find((option) => option.code === "CN")).toEqual({ code: "CN", name: "中国", callingCode: "86" });
    expect(zh.find((option) => option.code === "FR")?.name).toBe("法国");
    expect(en[0].name.localeCompare(en[1].name, "en")).toBeLessThanOrEqual(0);
  });
});
