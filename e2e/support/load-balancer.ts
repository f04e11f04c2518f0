import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

// HAProxy (Debian's haproxy package, which scripts/ensure-browser.mjs installs) in front of the two
// app servers scripts/e2e-server.mjs starts, as a deployment runs them: round robin, the client's
// address appended to X-Forwarded-For (`option forwardfor`), and the servers started with
// TRUST_PROXY=true, so they take the right-most X-Forwarded-For entry as the client's.
//
// On loopback everyone is 127.0.0.1, which would hide a server that records the balancer's
// address instead of the client's. So the balancer listens on 127.0.0.1 and connects to the app
// servers from 127.0.0.2 (`source`): an app server sees the peer 127.0.0.2 and the client 127.0.0.1
// in X-Forwarded-For.
//
// Two additions for the tests only, both in this file's configuration and none in the app: a
// request may pick its server with PICK_SERVER_HEADER (a, b; without it, round robin), so a test
// says which server handles each step instead of counting on the rotation; and every answer
// names the server that made it (SERVED_BY_HEADER), so the test sees the balancer really did so.

export const BALANCER_PORT = 3110;
export const BALANCER_URL = `http://127.0.0.1:${BALANCER_PORT}`;
/** The address the balancer connects to the app servers from. */
export const BALANCER_SOURCE_ADDRESS = "127.0.0.2";
export const PICK_SERVER_HEADER = "x-relay-pick-server";
export const SERVED_BY_HEADER = "x-relay-served-by";

export type AppServerName = "a" | "b";

/** The configuration: servers a and b on the given ports of this machine. */
export function haproxyConfig(appPorts: Record<AppServerName, number>): string {
  return `global
    # No stats socket, no daemon: the test runs it in the foreground (-db) and stops it by its pid.
    log stderr format raw local0 warning

defaults
    mode http
    log global
    option httplog
    timeout connect 5s
    timeout client 60s
    timeout server 60s

frontend relay
    bind 127.0.0.1:${BALANCER_PORT}
    option forwardfor
    default_backend relay_app

backend relay_app
    balance roundrobin
    option httpchk GET /api/health
    use-server app_a if { req.hdr(${PICK_SERVER_HEADER}) -m str a }
    use-server app_b if { req.hdr(${PICK_SERVER_HEADER}) -m str b }
    http-response set-header ${SERVED_BY_HEADER} %[srv_name]
    server app_a 127.0.0.1:${appPorts.a} source ${BALANCER_SOURCE_ADDRESS} check inter 2s
    server app_b 127.0.0.1:${appPorts.b} source ${BALANCER_SOURCE_ADDRESS} check inter 2s
`;
}

export type LoadBalancer = { pid: number; stop: () => Promise<void> };

/**
 * Writes the configuration into a temporary directory, checks it (haproxy -c), starts HAProxy in
 * the foreground and waits until both app servers answer through it.
 */
export async function startLoadBalancer(appPorts: Record<AppServerName, number>): Promise<LoadBalancer> {
  const dir = mkdtempSync(path.join(tmpdir(), "relay-haproxy-"));
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig(appPorts));
  const haproxy = haproxyCommand();
  const check = spawnSync(haproxy, ["-c", "-q", "-f", config], { encoding: "utf8" });
  if (check.error || check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`haproxy could not run or refused its configuration: ${check.error?.message ?? check.stderr}`);
  }

  const child = spawn(haproxy, ["-f", config, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr!.on("data", (chunk) => (output = (output + chunk).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (const server of ["a", "b"] as const) await waitUntilServedBy(server, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid!, stop };
}

function haproxyCommand(): string {
  // Debian installs it in /usr/sbin, which an ordinary user's PATH may lack.
  for (const candidate of ["haproxy", "/usr/sbin/haproxy"]) {
    if (spawnSync(candidate, ["-v"], { stdio: "ignore" }).status === 0) return candidate;
  }
  throw new Error("The load-balancer test needs HAProxy. Install it with your package manager (Debian/Ubuntu: sudo apt-get install haproxy).");
}

async function waitUntilServedBy(server: AppServerName, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`haproxy exited: ${output()}`);
    try {
      const response = await balancerRequest({ path: "/api/health", server });
      if (response.status === 200 && response.headers[SERVED_BY_HEADER] === `app_${server}`) return;
      last = `status ${response.status} from ${response.headers[SERVED_BY_HEADER] ?? "no server"}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`App server ${server} did not answer through the balancer within a minute (${last}). ${output()}`);
}

export type BalancerResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request through the balancer with Node's http client, which (unlike the browser) can
 * connect from any loopback address: `from` is then the client's address the balancer reports.
 */
export function balancerRequest(options: {
  path: string;
  server?: AppServerName;
  from?: string;
  method?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}): Promise<BalancerResponse> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: BALANCER_PORT,
        path: options.path,
        method: options.method ?? (body ? "POST" : "GET"),
        localAddress: options.from,
        agent: false,
        headers: {
          ...options.headers,
          ...(options.server ? { [PICK_SERVER_HEADER]: options.server } : {}),
          ...(body
            ? { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), origin: BALANCER_URL }
            : {}),
        },
        timeout: 30_000,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer to ${options.path} within 30 s`)));
    request.on("error", reject);
    request.end(body);
  });
}
