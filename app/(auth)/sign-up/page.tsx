import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signupOpen } from "@/lib/accounts/signup";

export const metadata = { title: "Create an account" };

export default function SignUpPage() {
  if (!signupOpen()) {
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold text-slate-900">Sign-up is closed</h1>
        <p className="text-sm text-slate-600">Ask an admin of your organisation to invite you.</p>
        <Link href="/sign-in" className="mt-6 inline-block text-sm font-semibold text-indigo-600">
          Back to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold text-slate-900">Create your account</h1>
      <p className="mb-6 text-sm text-slate-600">A new account, with you as its admin.</p>
      <SignUpForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
    </>
  );
}
