import { z } from "zod";
import { DOMAIN_PATTERN, ENTRA_DIRECTORY_PATTERN, SSO_KINDS, WORKPLACE_ID_PATTERN } from "@/lib/auth/sso/connection-kinds";

// A single sign-on connection as the settings form posts it (Object.fromEntries(formData)); the
// same schema in the browser (for comfort) and in the action and DAL (for real). Messages are
// keys under "errors." (messages/<locale>/sso.json).

// A checkbox: present ("on"/"true") means yes; absent means no.
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** "acme.com, acme.cn\nsub.acme.com" → ["acme.com", "acme.cn", "sub.acme.com"], each checked. */
export const allowedDomainsField = z
  .string()
  .max(2000, { error: "ssoDomainsInvalid" })
  .transform((value, ctx) => {
    const domains = [...new Set(value.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))];
    if (domains.length === 0) {
      ctx.addIssue({ code: "custom", message: "ssoDomainsRequired" });
      return z.NEVER;
    }
    if (domains.length > 20 || domains.some((d) => !DOMAIN_PATTERN.test(d))) {
      ctx.addIssue({ code: "custom", message: "ssoDomainsInvalid" });
      return z.NEVER;
    }
    return domains;
  });

const text = (max: number, message: string) => z.string({ error: message }).trim().max(max, { error: message });

export const ssoConnectionSchema = z
  .object({
    id: z.string().trim().max(64).optional(),
    kind: z.enum(SSO_KINDS, { error: "ssoKindInvalid" }),
    displayName: text(60, "ssoDisplayNameInvalid").min(1, { error: "ssoDisplayNameRequired" }),
    issuer: text(500, "ssoIssuerInvalid").optional().default(""),
    providerTenant: text(253, "ssoProviderTenantInvalid").optional().default(""),
    authority: text(500, "ssoIssuerInvalid").optional().default(""),
    clientId: text(300, "ssoClientIdInvalid").min(1, { error: "ssoClientIdRequired" }),
    // Blank when editing: keep the stored secret.
    clientSecret: z.string().max(1000, { error: "ssoClientSecretInvalid" }).optional().default(""),
    allowedDomains: allowedDomainsField,
    jitProvisioning: checkbox,
    jitRole: z.enum(["ADMIN", "MANAGER", "SALES_REP", "READ_ONLY"], { error: "ssoRoleInvalid" }).optional().default("SALES_REP"),
    trustIdpMfa: checkbox,
    ssoRequired: checkbox,
  })
  .superRefine((value, ctx) => {
    if (value.kind === "OIDC" && !value.issuer) ctx.addIssue({ code: "custom", path: ["issuer"], message: "ssoIssuerRequired" });
    if (value.kind === "GOOGLE" && !DOMAIN_PATTERN.test(value.providerTenant.toLowerCase())) ctx.addIssue({ code: "custom", path: ["providerTenant"], message: "ssoHostedDomainInvalid" });
    if (value.kind === "ENTRA" && !ENTRA_DIRECTORY_PATTERN.test(value.providerTenant)) ctx.addIssue({ code: "custom", path: ["providerTenant"], message: "ssoDirectoryInvalid" });
    // WeCom: the agent id; DingTalk: the corp id; Feishu: the tenant key (what the tenant check compares).
    if ((value.kind === "WECOM" || value.kind === "DINGTALK" || value.kind === "FEISHU") && !WORKPLACE_ID_PATTERN.test(value.providerTenant)) {
      ctx.addIssue({ code: "custom", path: ["providerTenant"], message: value.kind === "WECOM" ? "ssoAgentIdInvalid" : value.kind === "DINGTALK" ? "ssoCorpIdInvalid" : "ssoTenantKeyInvalid" });
    }
    if ((value.kind === "WECOM" || value.kind === "DINGTALK" || value.kind === "FEISHU") && !WORKPLACE_ID_PATTERN.test(value.clientId)) ctx.addIssue({ code: "custom", path: ["clientId"], message: "ssoClientIdInvalid" });
    if (!value.id && !value.clientSecret) ctx.addIssue({ code: "custom", path: ["clientSecret"], message: "ssoClientSecretRequired" });
  });

export type SsoConnectionInput = z.output<typeof ssoConnectionSchema>;

export const ssoConnectionIdSchema = z.object({ id: z.string().trim().min(1).max(64) });
