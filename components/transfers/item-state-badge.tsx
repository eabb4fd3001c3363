import { Badge, type Tone } from "@/components/ui/badge";

const ITEM: Record<string, { tone: Tone; label: string }> = {
  pending: { tone: "amber", label: "Pending" },
  transferred: { tone: "green", label: "Transferred" },
  failed: { tone: "red", label: "Failed" },
  released: { tone: "gray", label: "Released" },
};

/** The state of one escrow device within a transfer request. */
export function ItemStateBadge({ state }: { state: string }) {
  const s = ITEM[state] ?? { tone: "gray" as Tone, label: state };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
