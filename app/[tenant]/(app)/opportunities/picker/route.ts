import type { NextRequest } from "next/server";
import { currentSession } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { pickableContacts, searchPickableCustomers } from "@/lib/dal/opportunities/pickers";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** The opportunity form's customer search (?q=) and a customer's contacts (?contactsOf=): visible records only. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const member = await currentSession();
  if (!member || member.tenant.slug !== slug || member.restriction || !member.networkAllowed) return json({ error: "signedOut" }, 401);
  if (!can(member.role, "records.read")) return json({ error: "forbidden" }, 403);
  try {
    const search = request.nextUrl.searchParams;
    const contactsOf = search.get("contactsOf");
    if (contactsOf) return json({ contacts: /^[a-z0-9]{1,40}$/i.test(contactsOf) ? await pickableContacts(member, contactsOf) : [] });
    return json({ customers: await searchPickableCustomers(member, search.get("q") ?? "") });
  } catch (error) {
    logError("opportunities:picker", error);
    return json({ error: "generic" }, 500);
  }
}
