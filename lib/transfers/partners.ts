import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { accounts, transferRequests } from "@/db/schema";
import { requirePermission, visibleAccountIds } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { invalid } from "@/lib/errors";
import { iso } from "@/lib/http/respond";
import { textArray } from "./sql";

export interface Partner {
  _id: string;
  name: string;
  transfers: number;
  last_transfer_at: string | null;
}

/**
 * `GET companies/partners`: accounts that exchanged transfer requests (either direction, any
 * status) with `company_id` — or with any account the actor sees — most recent first. Nobody else.
 */
export async function listPartners(ctx: Ctx, params: URLSearchParams): Promise<Partner[]> {
  const companyId = params.get("company_id");
  for (const key of params.keys()) {
    if (key !== "company_id") {
      throw invalid("invalid query", { messages: [`${key}: unknown parameter (known: company_id)`] });
    }
  }
  let mine: string[];
  if (companyId) {
    requirePermission(ctx.actor, companyId, "account.read", "company");
    mine = [companyId];
  } else mine = visibleAccountIds(ctx.actor);
  if (!mine.length) return [];
  const t = transferRequests;
  const m = textArray(mine);
  const rows = await queryRows<{ id: string; name: string; transfers: number; last: Date | string }>(
    ctx.db,
    sql`with sides as (
          select ${t.toAccountId} as partner, ${t.createdAt} as at from ${t} where ${t.fromAccountId} = any(${m})
          union all
          select ${t.fromAccountId}, ${t.createdAt} from ${t} where ${t.toAccountId} = any(${m})
        )
        select a.id, a.name, count(*)::int as transfers, max(s.at) as last
        from sides s join ${accounts} a on a.id = s.partner
        where not (s.partner = any(${m}))
        group by a.id, a.name
        order by max(s.at) desc, a.id`,
  );
  return rows.map((r) => ({ _id: r.id, name: r.name, transfers: r.transfers, last_transfer_at: iso(new Date(r.last)) }));
}
