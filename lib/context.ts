import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";

/** What every service function receives: the database (or the transaction) and who is asking. */
export interface Ctx {
  db: Db;
  actor: Actor;
}
