import { KeyRound } from "lucide-react";
import { CreateApiTokenDialog } from "@/components/settings/create-api-token-dialog";
import { RevokeApiTokenButton } from "@/components/settings/revoke-api-token-button";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { listApiTokens } from "@/lib/accounts/api-tokens";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";

export const metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const { db, actor, account } = await getPortal();
  const tokens = await listApiTokens({ db, actor });
  const isAdmin = can(actor, account.id, "account.admin");
  return (
    <Card
      title="Your API tokens"
      actions={isAdmin ? <CreateApiTokenDialog /> : <span className="text-xs text-slate-500">Only admins can create API tokens.</span>}
    >
      <p className="mb-4 text-sm text-slate-600">
        Scripts authenticate with <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">Authorization: &lt;token&gt;</code> against{" "}
        <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">/api/v1/platform/</code> and act as you, with your roles. A token is shown once, when it is created.
      </p>
      {tokens.length === 0 ? (
        <EmptyState icon={<KeyRound className="h-8 w-8" />} title="No API tokens yet">
          {isAdmin
            ? "Create one to script escrow-device imports and transfers."
            : "An admin of this account can create API tokens; ask one if you need to script imports or transfers."}
        </EmptyState>
      ) : (
        <TableWrap className="shadow-none ring-0">
          <Table fold>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Token</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th className="text-right">Actions</Th>
              </tr>
            </THead>
            <TBody>
              {tokens.map((t) => (
                <tr key={t._id}>
                  <Td className="font-medium text-slate-900">{t.name}</Td>
                  <Td label="Token" className="font-mono text-xs">…{t.token_hint}</Td>
                  <Td label="Created">
                    <Time value={t.created_at} />
                  </Td>
                  <Td label="Last used">{t.last_used_at ? <Time value={t.last_used_at} relative /> : <span className="text-slate-400">Never</span>}</Td>
                  <Td label="Status">{t.revoked_at ? <Badge tone="gray">Revoked</Badge> : <Badge tone="green">Active</Badge>}</Td>
                  <Td actions className="text-right">{!t.revoked_at ? <RevokeApiTokenButton id={t._id} name={t.name} /> : null}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </TableWrap>
      )}
    </Card>
  );
}
