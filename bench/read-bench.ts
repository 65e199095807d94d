/**
 * Reader benchmark: `npm run bench:read -- [--nodes N] [--relationships N] [--seed N] [--repeat N]`.
 *
 * What `guanxi ingest` does before it writes — read the files and validate every record (`readAndValidate`,
 * no database) — on the seeded organisation network as neo4j-admin CSV
 * (bench/generate-network.ts), each reader in a process of its own so its peak RSS is its own: the
 * streaming path (the default: CSV streamed straight into validation) beside the whole-file reader it
 * replaced (`streamCsv: false`: every file's text, rows and records held), in the same run. On a shared machine read the ratio, not the seconds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { PACKAGE_ROOT } from "../core/node/install-paths.ts";
import { readAndValidate } from "../ingest/ingest.ts";
import { generateNetwork } from "./generate-network.ts";
import { writeNeo4jAdminCsv } from "./network-csv.ts";
import { fmt, table } from "./table.ts";

const { values: flags, positionals } = parseArgs({
  options: {
    nodes: { type: "string", default: "100000" },
    relationships: { type: "string", default: "500000" },
    seed: { type: "string", default: "1" },
    repeat: { type: "string", default: "1" },
    child: { type: "string" },
  },
  allowPositionals: true,
  strict: true,
});

if (flags.child) {
  // One reader, in its own process: seconds and peak RSS go back on stdout as JSON.
  const t = performance.now();
  const { dataset } = await readAndValidate(positionals, { streamCsv: flags.child === "stream" });
  const totalMs = performance.now() - t;
  console.log(
    JSON.stringify({
      totalMs,
      nodes: dataset.nodes.length,
      relationships: dataset.relationships.length,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), "guanxi-read-bench-"));
  try {
    const dataset = generateNetwork({
      seed: Number(flags.seed),
      nodes: Number(flags.nodes),
      relationships: Number(flags.relationships),
    });
    const paths = writeNeo4jAdminCsv(dataset, dir);
    const mb = (statSync(paths.nodes).size + statSync(paths.relationships).size) / 1e6;
    console.log(
      `${fmt(dataset.nodes.length)} nodes / ${fmt(dataset.relationships.length)} relationships, ${fmt(mb, 1)} MB of CSV`,
    );
    const results: Record<string, { totalMs: number; maxRssMb: number }[]> = {};
    for (let i = 0; i < Number(flags.repeat); i++) {
      for (const mode of ["whole", "stream"]) {
        const child = spawnSync(
          process.execPath,
          [
            join(PACKAGE_ROOT, "bin/run-ts.js"),
            "bench/read-bench.ts",
            "--child",
            mode,
            paths.nodes,
            paths.relationships,
          ],
          { cwd: PACKAGE_ROOT, encoding: "utf8", maxBuffer: 1 << 24 },
        );
        if (child.status !== 0) throw new Error(`${mode} reader failed:\n${child.stderr}`);
        (results[mode] ??= []).push(JSON.parse(child.stdout.trim().split("\n").pop()!));
      }
    }
    const best = (mode: string) => results[mode]!.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
    const [whole, stream] = [best("whole"), best("stream")];
    console.log(
      table(
        ["reader", "read+validate s", "peak RSS MB"],
        [
          ["whole file (before)", fmt(whole.totalMs / 1000, 1), whole.maxRssMb],
          ["streaming", fmt(stream.totalMs / 1000, 1), stream.maxRssMb],
        ],
      ),
    );
    console.log(
      `streaming / whole: read+validate ${fmt(stream.totalMs / whole.totalMs, 2)}×, peak RSS ${fmt(stream.maxRssMb / whole.maxRssMb, 2)}×`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
