import type { Role } from "@/lib/generated/prisma/enums";

// The one permission map. Server code (DAL, actions) enforces it; the UI asks it which
// buttons to show. Roles are ordered from most to least powerful.
export const ROLES = ["OWNER", "ADMIN", "MANAGER", "SALES_REP", "READ_ONLY"] as const satisfies readonly Role[];

const ALL: readonly Role[] = ROLES;
const ADMINS: readonly Role[] = ["OWNER", "ADMIN"];

export const PERMISSIONS = {
  "workspace.view": ALL,
  "members.view": ["OWNER", "ADMIN", "MANAGER"],
  "members.invite": ADMINS,
  "members.changeRole": ADMINS,
  "members.deactivate": ADMINS,
  "workspace.manageSettings": ADMINS,
  "audit.view": ADMINS,
  "records.read": ALL,
  "records.write": ["OWNER", "ADMIN", "MANAGER", "SALES_REP"],
  // Import creates records in bulk; export takes a copy out of the workspace.
  "records.import": ["OWNER", "ADMIN", "MANAGER"],
  "records.export": ["OWNER", "ADMIN", "MANAGER", "SALES_REP"],
  // The trash: restore within 30 days.
  "records.restore": ADMINS,
  // Hand every record of one member to another (e.g. when someone leaves).
  "records.transfer": ["OWNER"],
  // Pipeline stages, the own-records rule, the stale-opportunity reminder.
  "crm.manageSettings": ADMINS,
  // Company single sign-on connections (/<workspace>/settings/sso).
  "sso.manage": ADMINS,
  "reports.view": ALL,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles an actor may hand out: Owners any role, Admins any role but Owner; nobody else any. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === "OWNER") return [...ROLES];
  if (actor === "ADMIN") return ROLES.filter((role) => role !== "OWNER");
  return [];
}

/** Whether actor may change the role or status of a member who currently has targetRole. */
export function canManageMember(actor: Role, target: Role): boolean {
  if (actor === "OWNER") return true;
  if (actor === "ADMIN") return target !== "OWNER";
  return false;
}

export class PermissionDeniedError extends Error {
  constructor(permission: string) {
    super(`Permission denied: ${permission}`);
    this.name = "PermissionDeniedError";
  }
}

/**
 * Merging two customers changes both, so only a member who may edit both may do it: Owners and
 * Admins any two, anyone else who can write records only two they own themselves.
 */
export function mayMergeCustomers(role: Role, memberId: string, ownerIds: readonly string[]): boolean {
  if (!can(role, "records.write")) return false;
  return ADMINS.includes(role) || ownerIds.every((ownerId) => ownerId === memberId);
}
