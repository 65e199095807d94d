/**
 * The query editor's lint: Neo4j's current Cypher support (@neo4j-cypher/language-support), which
 * knows Cypher 5 — `COUNT { … }`, `CALL () { … }`, quantified paths `((a)-->(b)){1,3}` — where the
 * editor package's own (older) grammar underlines them as errors. It runs in a web worker
 * (cypher-lint-worker.ts), started with the editor; a stale answer is dropped.
 */
import { linter, type Diagnostic } from "@codemirror/lint";
import type { Extension } from "@codemirror/state";

/** What the database holds; absent until /api/schema answers (then nothing is called unknown). */
export interface LintSchema {
  labels?: string[];
  relationshipTypes?: string[];
  propertyKeys?: string[];
}

export interface LintRequest {
  id: number;
  query: string;
  schema: LintSchema;
}

export interface LintDiagnostic {
  from: number;
  to: number;
  severity: "error" | "warning" | "info";
  message: string;
}

export interface LintResponse {
  id: number;
  diagnostics: LintDiagnostic[];
  /** The linter itself failed (never shown as a mistake in the query). */
  failed?: string;
}

/** Diagnostics inside the text, never empty ranges CodeMirror cannot mark. */
export function toEditorDiagnostics(diagnostics: LintDiagnostic[], length: number): Diagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.min(Math.max(0, d.from), length);
    const to = Math.min(Math.max(from, d.to), length);
    return { from, to, severity: d.severity, message: d.message, source: "Cypher" };
  });
}

export class CypherLinter {
  private readonly worker = new Worker(new URL("./cypher-lint-worker.ts", import.meta.url), {
    type: "module",
  });
  private schema: LintSchema = {};
  private next = 0;
  private readonly pending = new Map<number, (diagnostics: LintDiagnostic[]) => void>();

  constructor() {
    this.worker.onmessage = ({ data }: MessageEvent<LintResponse>) => {
      if (data.failed) console.warn("Cypher lint failed:", data.failed);
      this.pending.get(data.id)?.(data.diagnostics);
      this.pending.delete(data.id);
    };
  }

  setSchema(schema: LintSchema): void {
    this.schema = schema;
  }

  lint(query: string): Promise<LintDiagnostic[]> {
    // Only the newest request matters: resolve older ones empty (CodeMirror ignores them anyway).
    for (const [, resolve] of this.pending) resolve([]);
    this.pending.clear();
    const id = ++this.next;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, query, schema: this.schema } satisfies LintRequest);
    });
  }

  /** The CodeMirror extension: lints after a pause in typing. */
  extension(): Extension {
    return linter(
      async (view) => {
        const text = view.state.doc.toString();
        if (!text.trim()) return [];
        const diagnostics = await this.lint(text);
        // The text changed while the worker was busy: those positions are stale.
        if (view.state.doc.toString() !== text) return [];
        return toEditorDiagnostics(diagnostics, text.length);
      },
      { delay: 400 },
    );
  }

  kill(): void {
    this.pending.clear();
    this.worker.terminate();
  }
}
