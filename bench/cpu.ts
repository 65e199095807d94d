/**
 * CPU accounting for benchmarks on a shared machine: wall time alone swings with whatever else
 * runs, so phases also report the CPU seconds of our own Neo4j process and of this Node process.
 * Linux only (/proc); elsewhere the figures read as 0.
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The pid of the Java process whose command line names `dataDir` (our bundled Neo4j). */
export function findServerPid(dataDir: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmdline.some((a) => a.endsWith("java")) && cmdline.includes(dataDir)) return Number(entry);
    } catch {
      // gone, or not ours to read
    }
  }
  return undefined;
}

/** User + system CPU seconds a process has used so far. */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return 0;
  }
}

export interface CpuSnapshot {
  db: number;
  node: number;
}

export function cpuNow(serverPid: number | undefined): CpuSnapshot {
  const usage = process.cpuUsage();
  return { db: processCpuSeconds(serverPid), node: (usage.user + usage.system) / 1e6 };
}

export function cpuSince(start: CpuSnapshot, serverPid: number | undefined): CpuSnapshot {
  const now = cpuNow(serverPid);
  return { db: now.db - start.db, node: now.node - start.node };
}

export function load1(): number {
  return loadavg()[0] ?? 0;
}
