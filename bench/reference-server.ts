/**
 * The floor for the check-in benchmark: bare node:http + pg doing what the gateway routes do on
 * their hot path. Check-in: read and validate the JSON body, select the escrow device by unique_id,
 * compare the token's SHA-256 in constant time, answer {"mode":"escrow","poll_after":…} or the 401.
 * Heartbeat: hash the device token, select the device with its type and account by the digest,
 * answer {"heartbeat_period","config_version"} (a hash of what it read) or the 401.
 * Usage: DATABASE_URL=… PORT=… tsx bench/reference-server.ts
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.HANDOFF_DB_POOL ?? 10) });
const DUMMY = createHash("sha256").update("handoff-unknown-escrow-device").digest();
const LIMIT = 64 * 1024;

function send(res: import("node:http").ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function heartbeat(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
  const m = /^Device\s+(\S{1,512})\s*$/i.exec(req.headers.authorization ?? "");
  if (!m) return send(res, 401, { error: "invalid credentials", messages: ["invalid credentials"] });
  const digest = createHash("sha256").update(m[1]).digest("hex");
  try {
    const { rows } = await pool.query(
      `select d.id, d.heartbeat_period, d.name, d.tags, t.id as type_id, t.config, t.name as type_name, a.id as account_id, a.name as account_name
       from devices d join device_types t on t.id = d.device_type_id join accounts a on a.id = d.account_id where d.device_token_digest = $1`,
      [digest],
    );
    if (!rows[0]) return send(res, 401, { error: "invalid credentials", messages: ["invalid credentials"] });
    const version = createHash("sha256").update(JSON.stringify(rows[0])).digest("base64url").slice(0, 27);
    send(res, 200, { heartbeat_period: rows[0].heartbeat_period, config_version: version });
  } catch {
    send(res, 500, { error: "internal error", messages: [] });
  }
}

const server = createServer((req, res) => {
  if (req.method === "POST" && req.url === "/api/v1/gateway/heartbeat") {
    req.resume();
    req.on("end", () => heartbeat(req, res));
    return;
  }
  if (req.method !== "POST" || !req.url?.startsWith("/api/v1/gateway/escrow/checkin")) return send(res, 404, { error: "not found" });
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size <= LIMIT) chunks.push(c);
  });
  req.on("end", async () => {
    if (size > LIMIT) return send(res, 413, { error: "request body too large", messages: [] });
    let body: { unique_id?: unknown; token?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(res, 400, { error: "invalid JSON", messages: [] });
    }
    if (!body || typeof body.unique_id !== "string" || typeof body.token !== "string") return send(res, 400, { error: "invalid input", messages: [] });
    try {
      const { rows } = await pool.query<{ token_digest: string; token_retired_at: Date | null; status: string; device_id: string | null }>(
        "select token_digest, token_retired_at, status, device_id from escrow_devices where unique_id = $1",
        [body.unique_id],
      );
      const row = rows[0];
      const given = createHash("sha256").update(body.token).digest();
      const ok = timingSafeEqual(given, row ? Buffer.from(row.token_digest, "hex") : DUMMY) && row && !row.token_retired_at;
      if (!ok) return send(res, 401, { error: "invalid credentials", messages: ["invalid credentials"] });
      send(res, 200, { mode: "escrow", poll_after: 30 + Math.floor(Math.random() * 31) });
    } catch {
      send(res, 500, { error: "internal error", messages: [] });
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3990), "127.0.0.1", () => console.log(`reference server listening on ${process.env.PORT ?? 3990}`));
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close(() => pool.end().then(() => process.exit(0))));
