/** Where a problem in an input file is: file, line, record number and field, as far as known. */
export interface InputLocation {
  file: string;
  line?: number;
  /** 1-based number of the node or relationship in its file. */
  record?: number;
  field?: string;
}

export interface InputProblem extends InputLocation {
  message: string;
}

export function formatProblem(p: InputProblem): string {
  const where = [p.line !== undefined ? `${p.file}:${p.line}` : p.file];
  if (p.record !== undefined) where.push(`record ${p.record}`);
  if (p.field !== undefined) where.push(`field "${p.field}"`);
  return `${where.join(", ")}: ${p.message}`;
}

/** Input that failed validation: every problem found, nothing written. */
export class InputError extends Error {
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[]) {
    const shown = problems.slice(0, 50).map(formatProblem);
    if (problems.length > 50) shown.push(`… and ${problems.length - 50} more`);
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the input; nothing was written:\n  ${shown.join("\n  ")}`,
    );
    this.name = "InputError";
    this.problems = problems;
  }
}

/** A failure talking to Neo4j, with a message that says what to do. */
export class DatabaseError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
    this.code = code;
  }
}
