import { z } from "zod";

// The saved-view forms above the customer and opportunity lists (app/[tenant]/(app)/saved-view-actions.ts).
// Messages are keys under "errors.".

export const SAVED_VIEW_LISTS = ["customers", "opportunities"] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];
export const SAVED_VIEW_NAME_MAX = 60;
export const SAVED_VIEW_VISIBILITIES = ["personal", "shared"] as const;

const list = z.enum(SAVED_VIEW_LISTS, { error: "badRequest" });
const view = z.string({ error: "savedViewNotFound" }).trim().regex(/^[a-z0-9]{1,40}$/i, { error: "savedViewNotFound" });
export const savedViewName = z
  .string({ error: "savedViewNameRequired" })
  .trim()
  .min(1, { error: "savedViewNameRequired" })
  .max(SAVED_VIEW_NAME_MAX, { error: "savedViewNameTooLong" });
const visibility = z.enum(SAVED_VIEW_VISIBILITIES, { error: "savedViewVisibilityUnknown" });
// The list's query string as the page had it; the DAL parses it again with the list's own parser.
const query = z.string().max(4000, { error: "badRequest" }).default("");

export const createSavedViewSchema = z.object({ list, name: savedViewName, visibility, query });
export const overwriteSavedViewSchema = z.object({ list, view, query });
export const renameSavedViewSchema = z.object({ list, view, name: savedViewName, visibility: visibility.optional() });
export const deleteSavedViewSchema = z.object({ list, view });
