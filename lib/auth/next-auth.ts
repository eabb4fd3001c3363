import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { verifyCredentials } from "@/lib/accounts/sessions";
import { authSecret } from "@/lib/config";
import { BROWSER_SESSION_SECONDS, createBrowserSession, endBrowserSession, jwtSessionValid } from "./browser-sessions";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

/**
 * Browser sessions: a signed JWT carrying the user id and the id of a server-side session row
 * (browser_sessions). Every auth() checks the row still exists — sign-out, "sign out everywhere"
 * and a password change delete rows, and the old cookie stops working on its next request.
 * Memberships and roles are re-read from the database on every request (lib/auth/portal.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: BROWSER_SESSION_SECONDS },
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
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sid = await createBrowserSession(await getDb(), user.id);
        return token;
      }
      return (await jwtSessionValid(await getDb(), token)) ? token : null;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.sid === "string") (session as { sessionId?: string }).sessionId = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endBrowserSession(await getDb(), sid);
    },
  },
});
