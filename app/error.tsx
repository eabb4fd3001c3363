"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Logo } from "@/components/portal/logo";
import { Button, buttonClass } from "@/components/ui/button";
import { Problem } from "@/components/ui/problem";

/** An unexpected failure outside the portal (the server logged it; the page shows no internals). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = "Something went wrong · Handoff";
  }, []);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <Logo large />
      <ErrorBody error={error} reset={reset} />
    </main>
  );
}

export function ErrorBody({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Problem
      code="Error"
      title="Something went wrong on our side"
      actions={
        <>
          <Button onClick={reset}>Try again</Button>
          <Link href="/" className={buttonClass("secondary")}>
            Back to the overview
          </Link>
        </>
      }
    >
      Nothing you did caused this, and nothing was half-saved: changes happen in one step or not at all.
      {error.digest ? (
        <span className="mt-2 block text-xs text-slate-500">
          Reference: <code className="font-mono">{error.digest}</code>
        </span>
      ) : null}
    </Problem>
  );
}
