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

/** Where in a statement Neo4j says a Cypher error is. */
export interface CypherPosition {
  line: number;
  column: number;
  offset: number;
}

const POSITION = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/;

/** Neo4j puts the place of a syntax error in its message: "(line 1, column 10 (offset: 9))". */
export function cypherPosition(message: string): CypherPosition | undefined {
  const m = POSITION.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]), offset: Number(m[3]) } : undefined;
}

/**
 * A Cypher error about `prefix + statement` (e.g. "EXPLAIN "), told about the statement as the analyst
 * wrote it: the position moves back by the prefix, and Neo4j's echo of the statement with a caret under
 * the error is dropped (the position says where; the echo would show the prefix).
 */
export function cypherErrorWithoutPrefix(error: DatabaseError, prefix: string): DatabaseError {
  const firstLine = error.message.split("\n")[0]!;
  const position = cypherPosition(firstLine);
  let message = firstLine;
  if (position && position.offset >= prefix.length) {
    // The prefix is on the first line: columns there move back, offsets everywhere.
    const column = position.line === 1 ? position.column - prefix.length : position.column;
    const offset = position.offset - prefix.length;
    message = firstLine.replace(POSITION, `(line ${position.line}, column ${column} (offset: ${offset}))`);
  }
  return new DatabaseError(message, error.code, { cause: error });
}
