"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/page";
import { Table, TableWrap, TBody, Td, THead, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { Activation } from "@/lib/transfers/activation";
import { portalJson, transferKeys } from "./query-keys";

const COLORS = { heartbeat: "#059669", configured: "#6366f1", created: "#cbd5e1", failed: "#dc2626" };

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/**
 * The transfer page's live part: polls while anything can still change (a pending request, or
 * devices not yet heartbeating) and refreshes the server-rendered page when the status changes.
 */
export function ActivationPanel({ id, initialStatus }: { id: string; initialStatus: string }) {
  const router = useRouter();
  const seen = useRef(initialStatus);
  const q = useQuery({
    queryKey: transferKeys.activation(id),
    queryFn: () => portalJson<Activation>(`/api/portal/transfers/${id}/activation`),
    refetchInterval: (query) => {
      const d = query.state.data;
      if (!d) return 3000;
      return d.live ? 2000 : false;
    },
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  useEffect(() => {
    if (q.data && q.data.status !== seen.current) {
      seen.current = q.data.status;
      router.refresh();
    }
  }, [q.data, router]);

  const a = q.data;
  if (!a?.progress) return null;
  const p = a.progress;
  const configuredOnly = p.config_delivered - p.first_heartbeat;
  const createdOnly = p.created - p.config_delivered;
  const pct = (n: number) => (p.created ? `${Math.round((n / p.created) * 100)}%` : "—");
  const bar = [{ name: "Devices", heartbeat: p.first_heartbeat, configured: configuredOnly, created: createdOnly, failed: p.failed }];
  const span = a.curve.at(-1)?.t ?? 0;
  const tick = (v: number) => (span < 180 ? `${Math.round(v)}s` : `${Math.round(v / 60)}m`);

  return (
    <Card
      title="Activation"
      actions={
        <span className="flex items-center gap-1.5 text-xs text-slate-500" aria-live="polite">
          {a.live ? <span className="h-2 w-2 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" /> : null}
          {a.live ? "Live" : "All devices heartbeating"}
        </span>
      }
    >
      <div className="space-y-6">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Activation progress">
          {[
            ["Created", p.created, `of ${p.devices.toLocaleString("en-US")}`],
            ["Configuration delivered", p.config_delivered, pct(p.config_delivered)],
            ["First heartbeat", p.first_heartbeat, pct(p.first_heartbeat)],
            ["Median to first heartbeat", null, a.median_seconds_to_first_heartbeat == null ? "—" : formatSeconds(a.median_seconds_to_first_heartbeat)],
          ].map(([label, n, sub]) => (
            <div key={label as string} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200">
              <dt className="text-xs font-medium text-slate-500">{label}</dt>
              <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900">
                {n == null ? sub : (n as number).toLocaleString("en-US")}
                {n == null ? null : <span className="ml-1.5 text-xs font-normal text-slate-500"> {sub}</span>}
              </dd>
            </div>
          ))}
        </dl>

        <div className="h-20 w-full" role="img" aria-label={`${p.first_heartbeat} heartbeating, ${configuredOnly} configured without a heartbeat yet, ${createdOnly} not yet configured, ${p.failed} failed`}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={bar} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
              <XAxis type="number" hide domain={[0, Math.max(1, p.devices)]} />
              <YAxis type="category" dataKey="name" hide />
              <Tooltip cursor={false} />
              <Legend iconType="square" wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="heartbeat" name="Heartbeating" stackId="a" fill={COLORS.heartbeat} isAnimationActive={false} />
              <Bar dataKey="configured" name="Configured, no heartbeat yet" stackId="a" fill={COLORS.configured} isAnimationActive={false} />
              <Bar dataKey="created" name="Created, not configured" stackId="a" fill={COLORS.created} isAnimationActive={false} />
              <Bar dataKey="failed" name="Failed" stackId="a" fill={COLORS.failed} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>

        <div>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Since acceptance</h3>
          <div className="h-56 w-full" role="img" aria-label="Cumulative devices configured and heartbeating over time since acceptance">
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart data={a.curve} margin={{ top: 4, right: 12, bottom: 4, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="t" type="number" domain={[0, "dataMax"]} tickFormatter={tick} fontSize={11} />
                <YAxis allowDecimals={false} domain={[0, Math.max(1, p.created)]} fontSize={11} width={40} />
                <Tooltip labelFormatter={(v) => `${formatSeconds(Number(v))} after acceptance`} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Area type="stepAfter" dataKey="config_delivered" name="Configuration delivered" stroke={COLORS.configured} fill={COLORS.configured} fillOpacity={0.15} isAnimationActive={false} />
                <Area type="stepAfter" dataKey="first_heartbeat" name="First heartbeat" stroke={COLORS.heartbeat} fill={COLORS.heartbeat} fillOpacity={0.25} isAnimationActive={false} />
              </AreaChart>
            </ResponsiveContainer>
          </div>
        </div>

        <div>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Stuck {a.stuck_total ? `(${a.stuck_total.toLocaleString("en-US")})` : ""}
          </h3>
          {a.stuck_total === 0 ? (
            <p className="text-sm text-slate-500">None. A device is stuck when it is not configured 10 minutes after acceptance, or configured but silent past two heartbeat periods.</p>
          ) : (
            <TableWrap>
              <Table fold>
                <caption className="sr-only">Stuck devices</caption>
                <THead>
                  <tr>
                    <Th>Unique id</Th>
                    <Th>Stuck at</Th>
                    <Th>Last check-in</Th>
                    <Th>Open</Th>
                  </tr>
                </THead>
                <TBody>
                  {a.stuck.map((s) => (
                    <tr key={s.unique_id}>
                      <Td className="font-mono text-xs text-slate-900">{s.unique_id}</Td>
                      <Td label="Stuck at" className="text-slate-700">{s.reason === "not_configured" ? "Not configured" : "Configured, no heartbeat"}</Td>
                      <Td label="Last check-in">{s.last_checkin_at ? <Time value={s.last_checkin_at} relative /> : <span className="text-slate-400">Never</span>}</Td>
                      <Td label="Open">
                        {s.device_id ? (
                          <Link className="text-indigo-700 hover:underline" href={`/devices/${s.device_id}`}>
                            Device
                          </Link>
                        ) : s.escrow_device_id ? (
                          <Link className="text-indigo-700 hover:underline" href={`/escrow-devices/${s.escrow_device_id}`}>
                            Escrow device
                          </Link>
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            </TableWrap>
          )}
          {a.stuck_total > a.stuck.length ? <p className="mt-2 text-xs text-slate-500">Showing the first {a.stuck.length} of {a.stuck_total.toLocaleString("en-US")}; export the devices for all.</p> : null}
        </div>
      </div>
    </Card>
  );
}
