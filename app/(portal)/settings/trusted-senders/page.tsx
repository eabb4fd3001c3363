import { ShieldCheck } from "lucide-react";
import { DeleteRuleButton } from "@/components/settings/delete-rule-button";
import { TrustSenderDialog } from "@/components/settings/trust-sender-dialog";
import { Card, EmptyState } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { deviceTypeOptions } from "@/lib/transfers/inbox";
import { listPartners } from "@/lib/transfers/partners";
import { listTransferRules, type TransferRuleJson } from "@/lib/transfers/rules";

export const metadata = { title: "Trusted senders" };

export default async function TrustedSendersPage() {
  const portal = await getPortal();
  const { account, actor } = portal;
  const [rules, partners, types] = await Promise.all([
    listTransferRules(portal, new URLSearchParams({ company_id: account.id, per_page: "1000" })) as Promise<TransferRuleJson[]>,
    listPartners(portal, new URLSearchParams({ company_id: account.id })),
    deviceTypeOptions(portal, account.id),
  ]);
  const partnerName = new Map(partners.map((p) => [p._id, p.name]));
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  const isAdmin = can(actor, account.id, "transfers.decide");
  const trusted = new Set(rules.map((r) => r.from_company_id));

  return (
    <Card
      title="Trusted senders"
      actions={
        isAdmin ? (
          <TrustSenderDialog partners={partners.filter((p) => !trusted.has(p._id)).map((p) => ({ id: p._id, name: p.name }))} deviceTypes={types} />
        ) : (
          <span className="text-xs text-slate-500">Only admins can trust senders.</span>
        )
      }
    >
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        Transfer requests from a trusted sender to <strong>{account.name}</strong> are accepted the moment they are sent — optionally as one of your own device
        types — and both inboxes mark them &ldquo;accepted automatically&rdquo;. Everything else still waits for an admin.
      </p>
      {rules.length === 0 ? (
        <EmptyState icon={<ShieldCheck className="h-8 w-8" />} title="No trusted senders">
          {isAdmin ? "Trust a manufacturer you receive gateways from regularly, and its shipments arrive without waiting for you." : "An admin can trust senders."}
        </EmptyState>
      ) : (
        <TableWrap className="shadow-none ring-0">
          <Table fold>
            <caption className="sr-only">Trusted senders</caption>
            <THead>
              <tr>
                <Th>Sender</Th>
                <Th>Devices arrive as</Th>
                <Th>Trusted since</Th>
                {isAdmin ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </THead>
            <TBody>
              {rules.map((r) => {
                const name = partnerName.get(r.from_company_id);
                return (
                  <tr key={r._id}>
                    <Td className="text-slate-900">
                      {name ? <span className="font-medium">{name}</span> : <span className="text-slate-600">Account (not a partner yet)</span>}
                      <span className="block font-mono text-xs text-slate-500">{r.from_company_id}</span>
                    </Td>
                    <Td label="Arrive as">{r.device_type_id ? (typeName.get(r.device_type_id) ?? "a deleted type") : <span className="text-slate-500">Their type (copied or reused)</span>}</Td>
                    <Td label="Trusted since">
                      <Time value={r.created_at as string} />
                    </Td>
                    {isAdmin ? (
                      <Td actions className="text-right">
                        <DeleteRuleButton id={r._id} name={name ?? r.from_company_id} />
                      </Td>
                    ) : null}
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </TableWrap>
      )}
    </Card>
  );
}
