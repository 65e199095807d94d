/**
 * The package a user installs: `npm pack` (which builds the explorer and compiles the Node half), the
 * tarball installed into a fresh prefix, then `guanxi` run from there with nothing of the clone on the
 * path — no tsx, no Vite, no sources — on a temporary home: `--version`, `start` (the bundled database
 * built into the home, the seed ingested, the explorer served and drawn in Chromium), `query`, and a
 * clean stop. Needs the npm registry (the tarball's dependencies are installed as a user's would be).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../db/client/bundled-db.ts";
import { launchBrowser, openPage, screenshot } from "./support/browser.ts";
import { REPO_ROOT } from "./support/database.ts";

const work = mkdtempSync(join(tmpdir(), "guanxi-package-"));
const prefix = join(work, "prefix");
const home = join(work, "home");
const installed = join(prefix, "lib", "node_modules", "guanxi");
// The user's PATH: the installed command, node, and the system (java, mvn); nothing from the clone.
const env: NodeJS.ProcessEnv = {
  PATH: [join(prefix, "bin"), dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
  HOME: process.env.HOME ?? work,
  GUANXI_HOME: home,
  LANG: "C.UTF-8",
};

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let start: ChildProcess | undefined;
let startLog = "";
let dbPort = 0;
let httpPort = 0;

function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${startLog}`)),
      timeoutMs,
    );
    const check = () => {
      const m = pattern.exec(startLog);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    start!.stdout!.on("data", check);
    start!.stderr!.on("data", check);
    start!.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`guanxi start exited with ${code}:\n${startLog}`));
    });
    check();
  });
}

describe("the packed tarball, installed into a fresh prefix", () => {
  beforeAll(() => {
    const pack = run("npm", ["pack", "--pack-destination", work, "--json"], { cwd: REPO_ROOT });
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const install = run(
      "npm",
      ["install", "--global", "--prefix", prefix, join(work, tarball!), "--no-audit", "--no-fund"],
      { cwd: work },
    );
    expect(install.code, install.stderr).toBe(0);
  }, 420_000);

  afterAll(async () => {
    if (start && start.exitCode === null) {
      start.kill("SIGINT");
      await new Promise((r) => start!.once("close", r));
    }
    rmSync(work, { recursive: true, force: true });
  });

  it("ships what a user needs and nothing they do not", () => {
    for (const needed of [
      "dist/lib/cli/main.js",
      "dist/web/index.html",
      "cypher",
      "data/seed.json",
      "db/pom.xml",
    ])
      expect(existsSync(join(installed, needed)), needed).toBe(true);
    for (const absent of ["tests", "bench", "web", "cli/main.ts", "db/target", ".guanxi"])
      expect(existsSync(join(installed, absent)), absent).toBe(false);
    // The runtime path has no compiler and no bundler.
    expect(existsSync(join(installed, "node_modules", "tsx"))).toBe(false);
    expect(existsSync(join(installed, "node_modules", "vite"))).toBe(false);
  });

  it("answers --version and --help from the compiled JavaScript", () => {
    const version = run("guanxi", ["--version"], { cwd: work, env });
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = run("guanxi", ["--help"], { cwd: work, env });
    expect(help.stdout).toContain("start");
  });

  it("starts on a temporary home, serves the explorer, answers queries and stops cleanly", async () => {
    dbPort = await freePort();
    httpPort = await freePort();
    start = spawn("guanxi", ["start", "--db-port", String(dbPort), "--port", String(httpPort)], {
      cwd: work,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    start.stdout!.on("data", (d: Buffer) => (startLog += d.toString()));
    start.stderr!.on("data", (d: Buffer) => (startLog += d.toString()));
    const [, url] = await waitForLine(/Guanxi explorer: (http:\S+)/, 300_000);
    // The bundled database was built and keeps its data in the home, not in the package.
    expect(existsSync(join(home, "db", "password"))).toBe(true);
    expect(readdirSync(join(home, "build")).some((d) => d.startsWith("db-"))).toBe(true);
    expect(existsSync(join(installed, "db", "target"))).toBe(false);
    expect(startLog).toMatch(/Nodes:\s+70 created/);

    const health = await fetch(new URL("/api/health", url));
    expect(await health.json()).toEqual({ ok: true });

    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser, url!);
      await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 60_000 });
      await page.evaluate(() => window.__guanxi!.ready);
      const order = await page.evaluate(() => window.__guanxi!.graph.order);
      expect(order).toBeGreaterThan(10);
      await screenshot(page, "package-start");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }

    const query = run(
      "guanxi",
      ["query", "MATCH (a:Alliance) RETURN count(a) AS alliances", "--format", "json"],
      { cwd: work, env: { ...env, GUANXI_DB_PORT: String(dbPort) } },
    );
    expect(query.code, query.stderr).toBe(0);
    expect(JSON.parse(query.stdout)).toEqual([{ alliances: 1 }]);

    start.kill("SIGINT");
    const code = await new Promise<number | null>((r) => start!.once("close", r));
    expect(code).toBe(0);
    expect(startLog).toContain("Guanxi Neo4j stopped");
  }, 420_000);
});
