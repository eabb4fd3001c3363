import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { verifyCredentials } from "@/lib/accounts/sessions";
import { authSecret } from "@/lib/config";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

/**
 * Browser sessions: a signed JWT carrying only the user id. Memberships and roles are re-read
 * from the database on every request (lib/auth/portal.ts), never trusted from the token.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const email = typeof raw?.email === "string" ? raw.email : "";
        const password = typeof raw?.password === "string" ? raw.password : "";
        if (!email || !password || email.length > 254 || password.length > 256) throw new InvalidCredentials();
        const user = await verifyCredentials(await getDb(), email, password);
        if (!user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: [user.firstName, user.lastName].filter(Boolean).join(" ") || user.email };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
});
