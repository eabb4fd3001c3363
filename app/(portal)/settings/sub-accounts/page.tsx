import { Building2 } from "lucide-react";
import { CreateSubAccountDialog } from "@/components/settings/create-sub-account-dialog";
import { Card, EmptyState } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { listSubAccounts } from "@/lib/accounts/companies";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";

export const metadata = { title: "Sub-accounts" };

export default async function SubAccountsPage() {
  const { db, actor, account } = await getPortal();
  const subs = await listSubAccounts({ db, actor }, account.id);
  const isAdmin = can(actor, account.id, "account.admin");
  return (
    <Card
      title="Sub-accounts"
      actions={isAdmin ? <CreateSubAccountDialog parentName={account.name} /> : <span className="text-xs text-slate-500">Only admins can create sub-accounts.</span>}
    >
      <p className="mb-4 text-sm text-slate-600">
        Sub-accounts keep a plant&apos;s or a region&apos;s devices apart. Members of <strong>{account.name}</strong> keep their role in every sub-account.
      </p>
      {subs.length === 0 ? (
        <EmptyState icon={<Building2 className="h-8 w-8" />} title="No sub-accounts">
          {isAdmin ? "Create one to organise devices by plant, region or customer." : "An admin can create sub-accounts."}
        </EmptyState>
      ) : (
        <TableWrap className="shadow-none ring-0">
          <Table fold>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Account id</Th>
                <Th>Created</Th>
              </tr>
            </THead>
            <TBody>
              {subs.map((s) => (
                <tr key={s._id}>
                  <Td className="font-medium text-slate-900">{s.name}</Td>
                  <Td label="Account id" className="font-mono text-xs">{s._id}</Td>
                  <Td label="Created">
                    <Time value={s.created_at} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </TableWrap>
      )}
    </Card>
  );
}
