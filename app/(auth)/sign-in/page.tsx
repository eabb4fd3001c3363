import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signupOpen } from "@/lib/accounts/signup";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold text-slate-900">Sign in to Handoff</h1>
      <SignInForm next={next} />
      {signupOpen() ? (
        <p className="mt-6 text-center text-sm text-slate-600">
          Receiving devices for the first time?{" "}
          <Link href="/sign-up" className="font-semibold text-indigo-600 hover:text-indigo-500">
            Create an account
          </Link>
        </p>
      ) : null}
    </>
  );
}
