"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { memberAction } from "@/lib/actions/member-action";
import { canonicalListQuery, changeSavedView, createSavedView, deleteSavedView, type SavedViewError } from "@/lib/dal/lists/saved-views";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { createSavedViewSchema, deleteSavedViewSchema, overwriteSavedViewSchema, renameSavedViewSchema, type SavedViewList } from "@/lib/validation/saved-view";

// The saved-view forms above the customer and opportunity lists. Saving, updating and deleting
// go to the list as it now is (with the view selected, or none after a delete), so with or without
// JavaScript the address shows the view; a rename stays on the page and says so.

function listPath(slug: string, list: SavedViewList, query: string, view?: string): string {
  // The list's own parser reads the query again: only what the list accepts goes into the address.
  const search = new URLSearchParams(canonicalListQuery(list, query));
  if (view) search.set("savedView", view);
  const text = search.toString();
  return `/${encodeURIComponent(slug)}/${list}${text ? `?${text}` : ""}`;
}

function refused(formData: FormData, error: SavedViewError): FormState {
  return error === "savedViewNameTaken" ? fieldError(formData, "name", error) : formError(formData, error);
}

export const createSavedViewAction = memberAction(createSavedViewSchema, "records.read", async (input, ctx, meta) => {
  const result = await createSavedView(ctx, { list: input.list, name: input.name, shared: input.visibility === "shared", query: input.query }, meta);
  if ("error" in result) return refused(meta.formData, result.error);
  redirect(listPath(ctx.tenant.slug, input.list, input.query, result.id));
});

export const overwriteSavedViewAction = memberAction(overwriteSavedViewSchema, "records.read", async (input, ctx, meta) => {
  const result = await changeSavedView(ctx, input.list, input.view, { query: input.query }, meta);
  if ("error" in result) return refused(meta.formData, result.error);
  redirect(listPath(ctx.tenant.slug, input.list, input.query, input.view));
});

export const renameSavedViewAction = memberAction(renameSavedViewSchema, "records.read", async (input, ctx, meta) => {
  const shared = input.visibility === undefined ? undefined : input.visibility === "shared";
  const result = await changeSavedView(ctx, input.list, input.view, { name: input.name, shared }, meta);
  if ("error" in result) return refused(meta.formData, result.error);
  revalidatePath(`/${ctx.tenant.slug}/${input.list}`);
  return { status: "success", fieldErrors: {}, values: {}, message: "renamed" };
});

export const deleteSavedViewAction = memberAction(deleteSavedViewSchema, "records.read", async (input, ctx, meta) => {
  const result = await deleteSavedView(ctx, input.list, input.view, meta);
  if ("error" in result) return refused(meta.formData, result.error);
  // The list stays as the view showed it, now as "All customers" with those filters.
  redirect(listPath(ctx.tenant.slug, input.list, String(meta.formData.get("query") ?? "")));
});
