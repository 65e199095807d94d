/**
 * The bundled ("embedded default") Neo4j: Neo4j Community run in-process by our small Java launcher
 * (db/), built once with Maven from Maven Central. Bolt on 127.0.0.1 only, auth on, the password kept
 * in DIR/password (mode 0600) and handed to Java through the environment, never the command line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { delimiter, join, resolve } from "node:path";
import {
  IS_SOURCE_CHECKOUT,
  PACKAGE_ROOT,
  PACKAGE_VERSION,
  guanxiHome,
  packagePath,
} from "../../core/node/install-paths.ts";

const REPO_ROOT = PACKAGE_ROOT;
const DB_PROJECT = packagePath("db");
/**
 * Maven's output: `db/target` in a clone; for an installed package a folder per version in Guanxi's
 * home (the package's own folder may be read-only and is replaced on upgrade).
 */
export const LAUNCHER_BUILD_DIR: string = IS_SOURCE_CHECKOUT
  ? join(DB_PROJECT, "target")
  : join(guanxiHome(), "build", `db-${PACKAGE_VERSION}`);
const LAUNCHER_JAR = join(LAUNCHER_BUILD_DIR, "guanxi-db.jar");
export const LAUNCHER_LIB = join(LAUNCHER_BUILD_DIR, "lib");
const READY_LINE = /^Guanxi Neo4j ready at (bolt:\/\/\S+)\s*$/;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
/** Neo4j's default minimum password length (dbms.security.auth_minimum_password_length). */
const MIN_PASSWORD_LENGTH = 8;

/** The bundled database's data: `<home>/db` (GUANXI_DATA_DIR overrides it, see core/node/connection.ts). */
export const DEFAULT_DATA_DIR: string = join(guanxiHome(), "db");
export const DEFAULT_BOLT_PORT = 7687;

export function passwordFile(dataDir: string): string {
  return join(dataDir, "password");
}

function ensureDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

export function readStoredPassword(dataDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(passwordFile(dataDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const password = text.trim();
  return password === "" ? undefined : password;
}

function storePassword(dataDir: string, password: string): void {
  ensureDataDir(dataDir);
  const file = passwordFile(dataDir);
  writeFileSync(file, `${password}\n`, { encoding: "utf8", mode: 0o600 });
  chmodSync(file, 0o600); // mode above applies only when the file is created
}

/** Password for the bundled db: `envPassword` when given (and then also stored, so later commands find it), else the stored one, else a new random one (crypto, >= 24 chars, url-safe) written to DIR/password with mode 0600. */
export function ensurePassword(dataDir: string, envPassword?: string): string {
  const stored = readStoredPassword(dataDir);
  if (envPassword) {
    if (envPassword !== stored) storePassword(dataDir, envPassword);
    return envPassword;
  }
  if (stored) return stored;
  const fresh = randomBytes(24).toString("base64url"); // 32 characters
  storePassword(dataDir, fresh);
  return fresh;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function launcherIsBuilt(): boolean {
  if (!existsSync(LAUNCHER_JAR) || !existsSync(LAUNCHER_LIB) || readdirSync(LAUNCHER_LIB).length === 0) {
    return false;
  }
  // Rebuild when the launcher's sources changed since the jar was made (e.g. after a git pull).
  const sources = Math.max(newestMtime(join(DB_PROJECT, "pom.xml")), newestMtime(join(DB_PROJECT, "src")));
  return statSync(LAUNCHER_JAR).mtimeMs >= sources;
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function runMaven(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const args = [
      "-q",
      "-B",
      "-f",
      join(DB_PROJECT, "pom.xml"),
      `-Dguanxi.build.dir=${LAUNCHER_BUILD_DIR}`,
      "package",
    ];
    mkdirSync(LAUNCHER_BUILD_DIR, { recursive: true });
    const child = spawn("mvn", args, { cwd: LAUNCHER_BUILD_DIR, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === "ENOENT"
            ? "Maven (`mvn`) is needed once to build the bundled Neo4j (with a JDK 17+). Install both, or point Guanxi at your own Neo4j with NEO4J_URI and NEO4J_PASSWORD."
            : `Could not run Maven to build the bundled Neo4j: ${error.message}`,
        ),
      );
    });
    child.on("close", (code, signal) => {
      if (code === 0) resolvePromise();
      else {
        const clean = output.replace(/\x1b\[[0-9;]*m/g, ""); // eslint-disable-line no-control-regex
        reject(
          new Error(
            `Building the bundled Neo4j failed (mvn -q -B -f db/pom.xml package exited with ${code ?? signal}):\n${tail(clean, 30)}`,
          ),
        );
      }
    });
  });
}

let building: Promise<void> | undefined;

/** Runs `mvn -q -B -f db/pom.xml package` once if db/target/guanxi-db.jar or db/target/lib is missing (print a line saying it is building Neo4j the first time and how long it took); later calls do nothing. */
export async function ensureLauncherBuilt(log: (line: string) => void = logToStderr): Promise<void> {
  if (!building) {
    if (launcherIsBuilt()) {
      building = Promise.resolve();
    } else {
      const firstTime = !existsSync(LAUNCHER_JAR);
      building = (async () => {
        const started = Date.now();
        log(
          firstTime
            ? "Building the bundled Neo4j for the first time (Maven downloads Neo4j Community, ~125 MB, from Maven Central)…"
            : "Rebuilding the bundled Neo4j launcher (db/ changed since it was built)…",
        );
        await runMaven();
        log(`Built the bundled Neo4j in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      })();
      building.catch(() => (building = undefined)); // a failed build may be retried
    }
  }
  await building;
}

function logToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}

export interface BundledDbOptions {
  port?: number;
  dataDir?: string;
  password?: string;
  heap?: string;
  pageCache?: string;
  log?: (line: string) => void;
}

export interface BundledDb {
  uri: string;
  port: number;
  dataDir: string;
  password: string;
  user: "neo4j";
  importDir: string;
  /** The Java process's id (for supervision and tests). */
  pid: number | undefined;
  stop(): Promise<void>;
  /** resolves when the process exits */
  exited: Promise<number | null>;
}

function debugLogTail(dataDir: string): string {
  try {
    return tail(readFileSync(join(dataDir, "neo4j", "logs", "debug.log"), "utf8"), 15);
  } catch {
    return "(no debug.log)";
  }
}

export function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? join(home, "bin", "java") : "java";
}

/** JVM options Neo4j's own neo4j.conf uses, minus the server-only ones. */
function jvmArgs(heap: string): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  ];
}

/** Builds if needed, spawns `java -Xmx<heap> -cp db/target/guanxi-db.jar:db/target/lib/* guanxi.db.Launcher --port P --data DIR` with GUANXI_DB_PASSWORD in env, resolves once the ready line appears (timeout 120 s with a clear error including the tail of stderr / DIR/neo4j/logs/debug.log), rejects with a clear Error if the process exits first. stop() sends SIGTERM and waits for exit (SIGKILL after 30 s); idempotent. */
export async function startBundledDb(options: BundledDbOptions = {}): Promise<BundledDb> {
  const log = options.log ?? logToStderr;
  const port = options.port ?? DEFAULT_BOLT_PORT;
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  ensureDataDir(dataDir);
  const password = options.password ?? ensurePassword(dataDir);
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new Error(`The bundled database's password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const heap = options.heap ?? process.env.GUANXI_DB_HEAP ?? "1g";
  const pageCache = options.pageCache ?? process.env.GUANXI_DB_PAGECACHE;
  await ensureLauncherBuilt(log);

  const classpath = [LAUNCHER_JAR, join(LAUNCHER_LIB, "*")].join(delimiter);
  const args = [
    ...jvmArgs(heap),
    "-cp",
    classpath,
    "guanxi.db.Launcher",
    "--port",
    String(port),
    "--data",
    dataDir,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GUANXI_DB_PASSWORD: password,
    GUANXI_DB_STOP_ON_STDIN_EOF: "1",
  };
  if (pageCache) env.GUANXI_DB_PAGECACHE = pageCache;
  else delete env.GUANXI_DB_PAGECACHE;

  // Own process group: a terminal's Ctrl-C reaches only us, and we stop the database in order. The
  // child's stdin stays open and unused: when this process dies, the launcher sees EOF and shuts down.
  const child = spawn(javaCommand(), args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.on("error", () => {}); // never written to; EPIPE after exit is expected

  let stderrText = "";
  let isReady = false; // before that, stderr ends up in the error message instead
  const exited = new Promise<number | null>((resolveExit) => {
    child.on("close", (code) => resolveExit(code));
    child.on("error", () => {
      if (child.pid === undefined) resolveExit(null); // never started: no "close" to wait for
    });
  });

  const ready = new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `The bundled Neo4j did not start within ${START_TIMEOUT_MS / 1000} s.\n` +
            `stderr:\n${tail(stderrText, 15) || "(empty)"}\n${join(dataDir, "neo4j", "logs", "debug.log")}:\n${debugLogTail(dataDir)}`,
        ),
      );
    }, START_TIMEOUT_MS);
    const finish = (): void => clearTimeout(timer);

    child.on("error", (error: NodeJS.ErrnoException) => {
      finish();
      reject(
        new Error(
          error.code === "ENOENT"
            ? `Java 17+ is needed to run the bundled Neo4j (\`${javaCommand()}\` not found; install a JDK or set JAVA_HOME).`
            : `Could not start the bundled Neo4j: ${error.message}`,
        ),
      );
    });
    onLines(child.stdout, (line) => {
      const match = READY_LINE.exec(line);
      if (match?.[1]) {
        finish();
        isReady = true;
        resolveReady(match[1]);
      } else if (line.trim() !== "") log(line);
    });
    onLines(child.stderr, (line) => {
      stderrText += `${line}\n`;
      if (stderrText.length > 20_000) stderrText = stderrText.slice(-10_000);
      if (isReady) log(line);
    });
    void exited.then((code) => {
      finish();
      const detail =
        tail(stderrText, 15) || `(no error output; see ${join(dataDir, "neo4j", "logs", "debug.log")})`;
      reject(new Error(`The bundled Neo4j exited (code ${code}) before it was ready:\n${detail}`));
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= stopChild(child, exited);
    return stopping;
  };

  let uri: string;
  try {
    uri = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    uri,
    port,
    dataDir,
    password,
    user: "neo4j",
    importDir: join(dataDir, "import"),
    pid: child.pid,
    stop,
    exited,
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.pid === undefined) return;
  if (child.exitCode !== null || child.signalCode !== null) {
    await exited;
    return;
  }
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const killLater = new Promise<void>((resolveKill) => {
    timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolveKill();
    }, STOP_TIMEOUT_MS);
  });
  await Promise.race([exited, killLater]);
  clearTimeout(timer);
  await exited;
}

function onLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      onLine(buffered.slice(0, newline).replace(/\r$/, ""));
      buffered = buffered.slice(newline + 1);
    }
  });
  stream.on("end", () => {
    if (buffered !== "") onLine(buffered);
    buffered = "";
  });
}

/** Finds a free TCP port on 127.0.0.1 (for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("Could not find a free port on 127.0.0.1"));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}
