import type { ReactNode } from "react";
import { Logo } from "@/components/portal/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Logo large />
      </div>
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">{children}</div>
      <p className="mt-6 max-w-sm text-center text-xs text-slate-500">
        Handoff moves gateways from the assembly line to the customer&apos;s account, without anyone touching the device.
      </p>
    </main>
  );
}
