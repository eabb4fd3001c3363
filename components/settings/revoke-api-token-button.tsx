"use client";

import { revokeApiTokenAction } from "@/app/(portal)/settings/api-tokens/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

export function RevokeApiTokenButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmButton
      label="Revoke"
      variant="ghost"
      size="sm"
      className="text-red-600 hover:bg-red-50"
      title="Revoke this token?"
      description={`Scripts using “${name}” will get 401 from now on. This cannot be undone.`}
      confirmLabel="Revoke token"
      action={() => revokeApiTokenAction(id)}
    />
  );
}
