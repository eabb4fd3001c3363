import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { MIGRATION_LOCK } from "../db/client";

// Production servers (`next start` on the build) against fresh PostgreSQL databases this file
// creates and drops. No browser: these are what a load balancer and an orchestrator see.
const PG_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const SECRET = "e2e-only-secret-0123456789abcdef0123456789";

test.describe.configure({ mode: "serial" });

function dbUrl(name: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let dbCounter = 0;
async function createDatabase(): Promise<string> {
  const name = `handoff_e2e_start_${process.pid}_${Date.now().toString(36)}_${dbCounter++}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

async function startServer(database: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: dbUrl(database), AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

async function get(url: string): Promise<{ status: number; headers: Headers; body: unknown } | null> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    const text = await r.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // HTML or text
    }
    return { status: r.status, headers: r.headers, body };
  } catch {
    return null; // not listening yet
  }
}

async function waitFor(server: Server, path: string, status: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}):\n${server.output()}`);
    const r = await get(server.url + path);
    if (r?.status === status) return;
    if (Date.now() > deadline) throw new Error(`${path} never answered ${status} (last: ${r?.status}):\n${server.output()}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function signUp(server: Server, label: string): Promise<{ status: number; body: { session_token?: string } }> {
  const r = await fetch(`${server.url}/api/v1/platform/user/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${label}-${Date.now().toString(36)}@start.test`, password: "start-test-password", company_name: `${label} Co` }),
  });
  return { status: r.status, body: await r.json() };
}

test("three servers started at once on one empty database all come up and serve (three times)", async () => {
  test.setTimeout(600_000);
  for (let round = 0; round < 3; round++) {
    const database = await createDatabase();
    const servers = await Promise.all([0, 1, 2].map(() => startServer(database)));
    try {
      await Promise.all(servers.map((s) => waitFor(s, "/api/ready", 200)));
      for (const [i, s] of servers.entries()) {
        const created = await signUp(s, `r${round}s${i}`);
        expect(created.status, s.output()).toBe(201);
        // The session works on every instance (they share the database).
        for (const other of servers) {
          const me = await fetch(`${other.url}/api/v1/platform/me`, { headers: { authorization: created.body.session_token ?? "" } });
          expect(me.status).toBe(200);
        }
      }
      for (const s of servers) expect(s.output()).not.toMatch(/start-up failed|unexpected error|duplicate key/);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await dropDatabase(database);
    }
  }
});

test("/api/ready is 503 until the migrations are applied; other requests get 503 with Retry-After meanwhile", async () => {
  test.setTimeout(180_000);
  const database = await createDatabase();
  // Another instance "is migrating": the test holds the migration lock.
  const holder = new pg.Client({ connectionString: dbUrl(database) });
  await holder.connect();
  await holder.query("select pg_advisory_lock($1, $2)", [...MIGRATION_LOCK]);
  const server = await startServer(database, { HANDOFF_READY_WAIT_MS: "300" });
  try {
    await waitFor(server, "/api/health", 200);
    const health = await get(`${server.url}/api/health`);
    expect(health?.body).toEqual({ status: "ok" });
    const ready = await get(`${server.url}/api/ready`);
    expect(ready?.status).toBe(503);
    expect(ready?.headers.get("retry-after")).toBe("5");
    expect(ready?.body).toMatchObject({ error: "not ready", messages: [expect.stringContaining("migrations")] });
    for (const p of ["/api/v1/platform/me", "/sign-in", "/api/v1/gateway/config"]) {
      const r = await get(server.url + p);
      expect(r?.status, p).toBe(503);
      expect(r?.headers.get("retry-after")).toBe("5");
    }
    const tables = await holder.query("select to_regclass('public.accounts') as t");
    expect(tables.rows[0].t).toBeNull();
    await holder.query("select pg_advisory_unlock($1, $2)", [...MIGRATION_LOCK]);
    await waitFor(server, "/api/ready", 200, 60_000);
    expect((await get(`${server.url}/api/ready`))?.body).toEqual({ status: "ready" });
    expect((await signUp(server, "after-ready")).status).toBe(201);
  } finally {
    await holder.end().catch(() => {});
    await server.stop();
    await dropDatabase(database);
  }
});

test("a start-up that fails exits non-zero instead of listening half-alive", async () => {
  test.setTimeout(120_000);
  const server = await startServer(`handoff_e2e_missing_${process.pid}`);
  const code = await Promise.race([server.exited, new Promise<string>((r) => setTimeout(() => r("still running"), 60_000))]);
  await server.stop();
  expect(code).toBe(1);
  expect(server.output()).toMatch(/handoff: start-up failed, exiting: database "handoff_e2e_missing_\d+" does not exist/);
});

test("the production router: malformed path escapes are 404s, a client leaving mid-body is not an error", async () => {
  test.setTimeout(180_000);
  const database = await createDatabase();
  const server = await startServer(database);
  try {
    await waitFor(server, "/api/ready", 200);
    for (const bad of ["%", "%zz", "%ff", "%ED%A0%80"]) {
      for (const p of [`/api/v1/platform/escrow_devices/${bad}`, `/api/v1/platform/device_types/${bad}`, `/api/v1/gateway/${bad}`, `/api/portal/${bad}`]) {
        for (const method of ["GET", "POST", "DELETE"]) {
          const r = await fetch(server.url + p, { method });
          expect(r.status, `${method} ${p}`).toBe(404);
          expect(await r.json()).toMatchObject({ error: "not found", messages: [expect.any(String)] });
        }
      }
      for (const p of [`/escrow-devices/${bad}`, `/transfers/${bad}`, `/devices/${bad}/x`]) {
        const r = await fetch(server.url + p);
        expect(r.status, p).toBe(404);
        expect(r.headers.get("content-type")).toContain("text/html");
        expect(await r.text()).toContain("There is no page here"); // the branded 404
      }
    }
    const created = await signUp(server, "abort");
    const { port } = new URL(server.url);
    for (const p of ["/api/v1/platform/escrow_devices/bulk", "/api/v1/gateway/escrow/checkin"]) {
      await new Promise<void>((resolve, reject) => {
        const s = connect(Number(port), "127.0.0.1", () => {
          s.write(`POST ${p} HTTP/1.1\r\nhost: x\r\nauthorization: ${created.body.session_token}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"escrow_devices":[`);
          setTimeout(() => {
            s.destroy();
            resolve();
          }, 500);
        });
        s.on("error", reject);
      });
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await get(`${server.url}/api/health`))?.status).toBe(200);
    expect(server.output()).not.toMatch(/unexpected error|Error:|⨯/);
  } finally {
    await server.stop();
    await dropDatabase(database);
  }
});
