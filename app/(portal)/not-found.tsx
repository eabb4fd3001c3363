import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Problem } from "@/components/ui/problem";

/** A record that does not exist, or belongs to an account you are not in (the same answer). */
export default function PortalNotFound() {
  return (
    <Problem
      code="404"
      title="We couldn't find that"
      actions={
        <>
          <Link href="/" className={buttonClass("primary")}>
            Go to the overview
          </Link>
          <Link href="/activity" className={buttonClass("secondary")}>
            See recent activity
          </Link>
        </>
      }
    >
      It may have been deleted, or it belongs to another account. If you are in several accounts, switch to the one that holds it.
    </Problem>
  );
}
