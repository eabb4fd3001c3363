import Link from "next/link";

export default function NoAccount() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold">You are not a member of any account</h1>
        <p className="mt-2 text-sm text-slate-600">Ask an admin to invite you again, or create a new account.</p>
        <Link href="/sign-up" className="mt-6 inline-block text-sm font-semibold text-indigo-600">
          Create an account
        </Link>
      </div>
    </main>
  );
}
