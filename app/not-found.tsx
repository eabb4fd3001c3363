import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/portal/logo";
import { buttonClass } from "@/components/ui/button";
import { Problem } from "@/components/ui/problem";

export const metadata: Metadata = { title: "Page not found" };

/** Any address that matches no page, signed in or not. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <Link href="/" aria-label="Handoff home">
        <Logo large />
      </Link>
      <Problem
        code="404"
        title="There is no page here"
        actions={
          <>
            <Link href="/" className={buttonClass("primary")}>
              Back to Handoff
            </Link>
            <Link href="/sign-in" className={buttonClass("secondary")}>
              Sign in
            </Link>
          </>
        }
      >
        The address may be mistyped, or the page has moved. If someone sent you this link, ask them for the current one.
      </Problem>
    </main>
  );
}
