import { Webhook } from "lucide-react";
import Link from "next/link";
import { ResendButton, WebhookEndpointActions } from "@/components/settings/webhook-actions";
import { WebhookCreateDialog } from "@/components/settings/webhook-create-dialog";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { getPortal } from "@/lib/auth/portal";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@/lib/events/types";
import { deliveryLog } from "@/lib/webhooks/deliveries";
import { webhooksOfAccount } from "@/lib/webhooks/get";

export const metadata = { title: "Webhooks" };

const STATUS_TONE: Record<string, Tone> = { succeeded: "green", pending: "amber", failed: "red" };
const SUBSCRIBABLE = WEBHOOK_EVENT_TYPES.filter((t) => t !== "webhook.test").map((type) => ({ type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }));

function codeTone(code: number | null): string {
  if (code == null) return "text-slate-400";
  return code >= 200 && code < 300 ? "text-emerald-700" : "text-red-700";
}

export default async function WebhooksPage() {
  const { db, actor, account } = await getPortal();
  const ctx = { db, actor };
  const isAdmin = can(actor, account.id, "account.admin");
  const endpoints = await webhooksOfAccount(ctx, account.id);
  const logs = await Promise.all(endpoints.map((e) => deliveryLog(ctx, e._id, 20)));
  return (
    <div className="space-y-6">
      <Card title="Webhooks" actions={isAdmin ? <WebhookCreateDialog eventTypes={SUBSCRIBABLE} /> : <span className="text-xs text-slate-500">Only admins can change webhooks.</span>}>
        <p className="text-sm text-slate-600">
          Handoff POSTs each event to your endpoints as JSON signed per{" "}
          <a className="text-indigo-600 hover:underline" href="https://www.standardwebhooks.com/" rel="noreferrer" target="_blank">
            Standard Webhooks
          </a>{" "}
          (headers <code className="rounded bg-slate-100 px-1 text-xs">webhook-id</code>, <code className="rounded bg-slate-100 px-1 text-xs">webhook-timestamp</code>,{" "}
          <code className="rounded bg-slate-100 px-1 text-xs">webhook-signature</code>). Failed deliveries are retried with backoff for 24 hours; an answer of 410 disables the
          endpoint. Both accounts of a transfer receive its events. See the{" "}
          <Link className="text-indigo-600 hover:underline" href="/docs">
            API reference
          </Link>
          .
        </p>
        {endpoints.length === 0 ? (
          <div className="mt-4">
            <EmptyState icon={<Webhook className="h-8 w-8" />} title="No webhook endpoints yet">
              Add one to hear about transfers and devices as they happen, instead of polling.
            </EmptyState>
          </div>
        ) : null}
      </Card>
      {endpoints.map((e, i) => (
        <section key={e._id} aria-label={`Webhook ${e.url}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="break-all font-mono text-sm text-slate-900">{e.url}</p>
              {e.description ? <p className="mt-0.5 text-sm text-slate-600">{e.description}</p> : null}
              <div className="mt-2 flex flex-wrap items-center gap-1.5">
                {e.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>}
                {e.events.map((t) => (
                  <Badge key={t} tone="indigo">
                    {t === "*" ? "All events" : t}
                  </Badge>
                ))}
              </div>
              {!e.active && e.disabled_reason ? <p className="mt-1 text-xs text-red-700">{e.disabled_reason}</p> : null}
            </div>
            {isAdmin ? <WebhookEndpointActions id={e._id} url={e.url} active={e.active} /> : null}
          </div>
          <h3 className="mt-5 mb-2 text-sm font-semibold text-slate-900">Recent deliveries</h3>
          {logs[i].length === 0 ? (
            <p className="text-sm text-slate-500">Nothing delivered yet.</p>
          ) : (
            <TableWrap className="shadow-none">
              <Table fold>
                <caption className="sr-only">Recent deliveries to {e.url}</caption>
                <THead>
                  <tr>
                    <Th>Event</Th>
                    <Th>Status</Th>
                    <Th>Attempts</Th>
                    <Th>Created</Th>
                    <Th>Next attempt</Th>
                    {isAdmin ? <Th className="text-right">Actions</Th> : null}
                  </tr>
                </THead>
                <TBody>
                  {logs[i].map((d) => (
                    <tr key={d._id} className="align-top">
                      <Td>
                        <span className="font-mono text-xs text-slate-900">{d.event_type}</span>
                        <span className="block font-mono text-[11px] text-slate-400">{d.event_id}</span>
                      </Td>
                      <Td label="Status">
                        <Badge tone={STATUS_TONE[d.status] ?? "gray"}>{d.status}</Badge>
                        {d.last_error ? (
                          <span className="mt-1 block text-xs text-red-700 md:max-w-56 md:truncate" title={d.last_error}>
                            {d.last_error}
                          </span>
                        ) : null}
                      </Td>
                      <Td label="Attempts">
                        <ol className="space-y-0.5 text-xs" aria-label="Attempts">
                          {d.log.map((a) => (
                            <li key={a._id} className="flex gap-2">
                              <span className={`font-mono font-semibold ${codeTone(a.status_code)}`}>{a.status_code ?? "—"}</span>
                              <span className="text-slate-500">{a.response_ms} ms</span>
                              <span className="text-slate-400">
                                <Time value={a.created_at} relative />
                              </span>
                            </li>
                          ))}
                        </ol>
                      </Td>
                      <Td label="Created">
                        <Time value={d.created_at} relative />
                      </Td>
                      <Td label="Next attempt">{d.next_attempt_at ? <Time value={d.next_attempt_at} relative /> : <span className="text-slate-400">—</span>}</Td>
                      {isAdmin ? (
                        <Td actions className="text-right">{e.active ? <ResendButton webhookId={e._id} deliveryId={d._id} /> : null}</Td>
                      ) : null}
                    </tr>
                  ))}
                </TBody>
              </Table>
            </TableWrap>
          )}
        </section>
      ))}
    </div>
  );
}
