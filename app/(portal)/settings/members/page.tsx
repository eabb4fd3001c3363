import { InviteMemberDialog } from "@/components/settings/invite-member-dialog";
import { MemberInvitations, type PendingInvitationRow } from "@/components/settings/member-invitations";
import { MemberRowActions } from "@/components/settings/member-row-actions";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { listInvitations } from "@/lib/accounts/invitations";
import { listMembers } from "@/lib/accounts/members";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const { db, actor, account } = await getPortal();
  const members = await listMembers({ db, actor }, account.id);
  const isAdmin = can(actor, account.id, "account.admin");
  const invitations = isAdmin
    ? ((await listInvitations({ db, actor }, new URLSearchParams({ company_id: account.id, status: "pending", per_page: "100" }))) as PendingInvitationRow[])
    : [];
  return (
    <div className="space-y-6">
      <Card
        title={`Members (${members.length})`}
        actions={isAdmin ? <InviteMemberDialog accountName={account.name} /> : <span className="text-xs text-slate-500">Only admins can manage members.</span>}
      >
        <TableWrap className="shadow-none ring-0">
          <Table fold>
            <THead>
              <tr>
                <Th>Email</Th>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Member since</Th>
                {isAdmin ? <Th className="text-right">Actions</Th> : null}
              </tr>
            </THead>
            <TBody>
              {members.map((m) => (
                <tr key={m.user_id}>
                  <Td className="font-medium text-slate-900">
                    {m.email}
                    {m.user_id === actor.userId ? <span className="ml-2 text-xs text-slate-400">(you)</span> : null}
                  </Td>
                  <Td label="Name">{[m.first_name, m.last_name].filter(Boolean).join(" ") || "—"}</Td>
                  <Td label="Role">
                    <StatusBadge status={m.role} />
                  </Td>
                  <Td label="Member since">
                    <Time value={m.created_at} />
                  </Td>
                  {isAdmin ? (
                    <Td actions className="text-right">
                      <MemberRowActions userId={m.user_id} email={m.email} role={m.role} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </TBody>
          </Table>
        </TableWrap>
        <p className="mt-4 text-xs text-slate-500">
          Viewers can read everything in the account. Members can also manage escrow devices, device types, devices and outgoing transfers. Admins can also accept or
          reject incoming transfers and manage members, API tokens and sub-accounts. A membership also applies to every sub-account.
        </p>
      </Card>
      {invitations.length ? (
        <Card title={`Pending invitations (${invitations.length})`}>
          <MemberInvitations invitations={invitations} canRevoke={isAdmin} />
        </Card>
      ) : null}
    </div>
  );
}
