"use client";

import { useEffect } from "react";
import { ErrorBody } from "@/app/error";

/** An unexpected failure inside the portal: the navigation stays, the page offers a retry. */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    document.title = "Something went wrong · Handoff";
  }, []);
  return <ErrorBody error={error} reset={reset} />;
}
