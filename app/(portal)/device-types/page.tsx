import { Boxes, Plus } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { deviceTypesOfAccount } from "@/lib/device-types/list";

export const metadata = { title: "Device types" };

export default async function DeviceTypesPage() {
  const portal = await getPortal();
  const types = await deviceTypesOfAccount(portal, portal.account.id);
  const canWrite = can(portal.actor, portal.account.id, "devices.write");
  const newButton = canWrite ? (
    <Link href="/device-types/new" className={buttonClass()}>
      <Plus className="h-4 w-4" aria-hidden="true" /> New device type
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title="Device types" description="What your devices are, and the configuration a gateway of each type receives when it leaves escrow." actions={types.length ? newButton : null} />
      {types.length === 0 ? (
        <EmptyState icon={<Boxes className="h-10 w-10" />} title="No device types yet" action={newButton}>
          A device type names the hardware (manufacturer, model) and holds the config its gateways receive, such as the heartbeat period.
        </EmptyState>
      ) : (
        <TableWrap>
          <Table>
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Type</Th>
                <Th>Manufacturer</Th>
                <Th>Model</Th>
                <Th>Heartbeat</Th>
                <Th>Created</Th>
              </tr>
            </THead>
            <TBody>
              {types.map((t) => {
                const hb = (t.config as { heartbeat_period?: unknown }).heartbeat_period;
                return (
                  <tr key={t._id} className="hover:bg-slate-50">
                    <Td>
                      <Link href={`/device-types/${t._id}`} className="font-medium text-indigo-700 hover:underline">
                        {t.name}
                      </Link>
                    </Td>
                    <Td>
                      <Badge tone="indigo">{t.type.replace("_", " ")}</Badge>
                    </Td>
                    <Td>{t.manufacturer}</Td>
                    <Td className="font-mono text-xs">{t.model}</Td>
                    <Td>{typeof hb === "number" ? `every ${hb} s` : <span className="text-slate-400">default (60 s)</span>}</Td>
                    <Td className="text-slate-500">
                      <Time value={t.created_at} />
                    </Td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </TableWrap>
      )}
    </>
  );
}
