"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { findWorkspacesSchema, goToWorkspaceSchema } from "@/lib/validation/forms";
import { echoValues, fieldError } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { emailWorkspaceList } from "@/lib/dal/workspaces/email-workspace-list";
import { logError } from "@/lib/log";
import { publicAction } from "@/lib/actions/public-action";

export const goToWorkspaceAction = publicAction(
  { bound: [], schema: goToWorkspaceSchema, logAs: "go-to-workspace" },
  async ({ slug }, { formData }) => {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return fieldError(formData, "slug", "noSuchWorkspace");
    redirect(`/${workspace.slug}/login`);
  },
);

/**
 * Always the same answer, sent before any lookup happens: the list is emailed after the response,
 * so neither the message nor the timing says whether the address belongs to any workspace.
 */
export const findWorkspacesAction = publicAction(
  {
    bound: [],
    schema: findWorkspacesSchema,
    logAs: "find-workspaces",
    // Always on this form: it sends email to any address typed, so each request costs proof of work.
    captcha: {},
  },
  async ({ email }, { formData }) => {
    const locale = await getLocale();
    after(async () => {
      try {
        await emailWorkspaceList(email, locale);
      } catch (error) {
        logError("find-workspaces", error);
      }
    });
    return { status: "success", fieldErrors: {}, values: echoValues(formData) };
  },
);
