// altcha 3.2.2 maps the types of "altcha/i18n/*" to files it does not ship (dist/external/*.d.ts).
// The language modules only register strings in globalThis.$altcha.i18n; they export nothing.
declare module "altcha/i18n/zh-cn";
