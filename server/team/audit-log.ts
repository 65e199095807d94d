/**
 * The audit log of a team server: one JSON object per line — who signed in, who ran which Cypher, who
 * exported what — rotated by size (`audit.log` → `audit.log.1` … `audit.log.N`). Parameter values are
 * left out unless configured: their names are kept, so the query can still be read.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";

export interface AuditOptions {
  file: string;
  /** Rotate when the file would pass this size (default 10 MB). */
  maxBytes?: number;
  /** Rotated files kept (default 5). */
  keep?: number;
  /** Write parameter values too (default: names only). */
  includeParams?: boolean;
}

export interface AuditEntry {
  event: "sign-in" | "sign-in-refused" | "sign-out" | "query" | "export" | "refused";
  analyst?: string;
  ip?: string;
  cypher?: string;
  params?: Record<string, unknown>;
  [more: string]: unknown;
}

export class AuditLog {
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: AuditOptions) {
    this.maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
    this.keep = options.keep ?? 5;
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  }

  write(entry: AuditEntry): void {
    const { params, ...rest } = entry;
    const record: Record<string, unknown> = { time: new Date().toISOString(), ...rest };
    if (params !== undefined)
      record.params = this.options.includeParams ? params : Object.keys(params).sort();
    const line = JSON.stringify(record) + "\n";
    this.rotateFor(Buffer.byteLength(line));
    appendFileSync(this.options.file, line, { mode: 0o600 });
  }

  private rotateFor(bytes: number): void {
    const { file } = this.options;
    if (!existsSync(file) || statSync(file).size + bytes <= this.maxBytes) return;
    rmSync(`${file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--)
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  }
}
