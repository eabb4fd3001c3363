import { Badge, type Tone } from "@/components/ui/badge";
import { actionLabel } from "@/lib/events/types";

const TONE_BY_PREFIX: [string, Tone][] = [
  ["transfer.", "indigo"],
  ["gateway.", "green"],
  ["escrow_device.", "blue"],
  ["device_type.", "gray"],
  ["device.", "gray"],
  ["member.", "amber"],
  ["api_token.", "amber"],
  ["account.", "amber"],
  ["webhook.", "amber"],
];

/** An audit action as a readable badge, labelled from the one event list (lib/events). */
export function ActionLabel({ action }: { action: string }) {
  const tone = TONE_BY_PREFIX.find(([p]) => action.startsWith(p))?.[1] ?? "gray";
  return (
    <Badge tone={tone}>
      <span title={action}>{actionLabel(action)}</span>
    </Badge>
  );
}
