import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { LOCALES } from "@/lib/i18n/locales";
import {
  companyNameField,
  emailField,
  employeeNumberField,
  newPasswordField,
  personNameField,
  slugField,
} from "./fields";

export const signUpSchema = z.object({
  companyName: companyNameField,
  slug: slugField,
  ownerName: personNameField,
  email: emailField,
  password: newPasswordField,
});

export const signInSchema = z.object({
  username: z.string().trim().min(1, { error: "usernameRequired" }).max(254, { error: "usernameTooLong" }),
  password: z.string().min(1, { error: "passwordRequired" }).max(256, { error: "passwordTooLong" }),
  next: z.string().max(500).optional(),
});

/** The sign-in form asking, before its submit, whether a captcha will be needed for this username. */
export const signInCaptchaCheckSchema = signInSchema.pick({ username: true });

export const goToWorkspaceSchema = z.object({ slug: slugField });
export const findWorkspacesSchema = z.object({ email: emailField });

export const inviteMemberSchema = z.object({
  email: emailField,
  role: z.enum(ROLES, { error: "roleInvalid" }),
  employeeNumber: z.preprocess((value) => value ?? "", employeeNumberField),
});

export const acceptInvitationSchema = z.object({
  token: z.string().min(1).max(100),
  name: personNameField,
  password: newPasswordField,
});

export const changeRoleSchema = z.object({
  userId: z.string().min(1).max(40),
  role: z.enum(ROLES, { error: "roleInvalid" }),
});

export const memberIdSchema = z.object({ userId: z.string().min(1).max(40) });
export const invitationIdSchema = z.object({ invitationId: z.string().min(1).max(40) });

export const profileSchema = z.object({
  name: personNameField,
  locale: z.enum(LOCALES, { error: "localeInvalid" }),
});

export const localeSchema = z.object({ locale: z.enum(LOCALES, { error: "localeInvalid" }) });
