import { Badge, type Tone } from "@/components/ui/badge";

const TONE_BY_PREFIX: [string, Tone][] = [
  ["transfer.", "indigo"],
  ["gateway.", "green"],
  ["escrow_device.", "blue"],
  ["device_type.", "gray"],
  ["device.", "gray"],
  ["member.", "amber"],
  ["api_token.", "amber"],
  ["account.", "amber"],
];

/** An audit action as a readable badge: "transfer.accept" → "Transfer accept". */
export function ActionLabel({ action }: { action: string }) {
  const tone = TONE_BY_PREFIX.find(([p]) => action.startsWith(p))?.[1] ?? "gray";
  const text = action.replace(/[._]/g, " ").replace(/\bapi\b/g, "API");
  return (
    <Badge tone={tone}>
      <span title={action}>{text.charAt(0).toUpperCase() + text.slice(1)}</span>
    </Badge>
  );
}
