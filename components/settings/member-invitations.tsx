"use client";

import { revokeInvitationAction } from "@/app/(portal)/settings/members/actions";
import { StatusBadge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

export interface PendingInvitationRow {
  _id: string;
  email: string;
  role: string;
  created_at: string | null;
  expires_at: string | null;
}

/** Pending invitations of the account, each revocable by an admin. */
export function MemberInvitations({ invitations, canRevoke }: { invitations: PendingInvitationRow[]; canRevoke: boolean }) {
  return (
    <TableWrap className="shadow-none ring-0">
      <Table fold>
        <THead>
          <tr>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Invited</Th>
            <Th>Expires</Th>
            {canRevoke ? <Th className="text-right">Actions</Th> : null}
          </tr>
        </THead>
        <TBody>
          {invitations.map((i) => (
            <tr key={i._id}>
              <Td className="break-all font-medium text-slate-900">{i.email}</Td>
              <Td label="Role">
                <StatusBadge status={i.role} />
              </Td>
              <Td label="Invited">
                <Time value={i.created_at} relative />
              </Td>
              <Td label="Expires">
                <Time value={i.expires_at} />
              </Td>
              {canRevoke ? (
                <Td actions className="text-right">
                  <ConfirmButton
                    label="Revoke"
                    ariaLabel={`Revoke the invitation to ${i.email}`}
                    variant="ghost"
                    size="sm"
                    className="text-red-600 hover:bg-red-50"
                    title="Revoke invitation?"
                    description={`The link sent to ${i.email} will stop working.`}
                    confirmLabel="Revoke invitation"
                    action={() => revokeInvitationAction(i._id)}
                  />
                </Td>
              ) : null}
            </tr>
          ))}
        </TBody>
      </Table>
    </TableWrap>
  );
}
