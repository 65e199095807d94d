/**
 * Where Guanxi's files are, run from a clone (TypeScript sources through tsx) or from an installed
 * package (compiled JavaScript under dist/lib/): the package root holds what ships (cypher/, data/,
 * schema/, db/ sources, dist/web/); the home holds what Guanxi writes (the bundled database's build
 * and data, saved views). A clone keeps its home in `.guanxi/` beside the sources, as before; an
 * installed package uses the user's data directory, never its own install folder.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "guanxi") return dir;
      } catch {
        // not ours: keep looking
      }
    }
    if (dirname(dir) === dir) throw new Error(`Guanxi's package.json was not found above ${from}.`);
  }
}

/** The folder with Guanxi's package.json (the clone, or the installed package). */
export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** True when running the TypeScript sources (a clone), false for the compiled package. */
export const RUNNING_SOURCES: boolean = import.meta.url.endsWith(".ts");

/** True in a git clone with its sources (the explorer can be rebuilt from web/). */
export const IS_SOURCE_CHECKOUT: boolean = existsSync(join(PACKAGE_ROOT, "web", "index.html"));

export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }
).version;

/**
 * Guanxi's home: GUANXI_HOME when set; in a clone `<clone>/.guanxi`; for an installed package
 * `$XDG_DATA_HOME/guanxi` (default `~/.local/share/guanxi`).
 */
export function guanxiHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GUANXI_HOME) return resolve(env.GUANXI_HOME);
  if (IS_SOURCE_CHECKOUT) return join(PACKAGE_ROOT, ".guanxi");
  const dataHome = env.XDG_DATA_HOME || join(homedir(), ".local", "share");
  return join(dataHome, "guanxi");
}

/** A path inside the package (what ships: cypher/, data/, schema/, db/, dist/web/). */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
