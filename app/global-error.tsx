"use client";

/** The last resort when the root layout itself fails: plain markup, no app styles assumed. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0, background: "#f8fafc", color: "#0f172a" }}>
        <main style={{ textAlign: "center", padding: 24 }}>
          <title>Something went wrong · Handoff</title>
          <p style={{ color: "#4f46e5", fontWeight: 600 }}>Handoff</p>
          <h1 style={{ fontSize: 24 }}>Something went wrong on our side</h1>
          <p style={{ color: "#475569" }}>Nothing was half-saved. Try again in a moment.</p>
          <button type="button" onClick={reset} style={{ marginTop: 16, padding: "8px 14px", borderRadius: 6, border: 0, background: "#4f46e5", color: "white", fontWeight: 600 }}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
