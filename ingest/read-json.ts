/**
 * Reads a Guanxi JSON data set (schema/guanxi-dataset.schema.json) keeping the line of every record
 * and field, so that validation can say exactly where a problem is.
 */
import {
  getLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from "jsonc-parser";
import { DRAFT_FORMAT } from "../core/draft.ts";
import type { InputProblem } from "../core/errors.ts";
import type { RawRecord, ReadResult } from "./raw-record.ts";
import { lineOf, lineStarts } from "../core/text-lines.ts";

export const DATASET_FORMAT = "guanxi-dataset";
export const DATASET_VERSION = 1;

function property(node: Node, key: string): Node | undefined {
  const pair = node.children?.find((p) => p.children?.[0]?.value === key);
  return pair?.children?.[1];
}

/** What jsonc-parser's error codes mean, in the words of someone who wrote the file by hand. */
const SYNTAX_ERRORS: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "not a valid number",
  PropertyNameExpected: "a property name in double quotes is expected",
  ValueExpected: "a value is expected",
  ColonExpected: 'a ":" is expected',
  CommaExpected: 'a "," is expected',
  CloseBraceExpected: 'a closing "}" is expected',
  CloseBracketExpected: 'a closing "]" is expected',
  EndOfFileExpected: "the data set should end here",
  InvalidCommentToken: "JSON has no comments: remove it",
  UnexpectedEndOfString: "a text is not closed (is the file cut off?)",
  InvalidCharacter: "a control character inside a text: write it as an escape (\\n, \\t)",
};

/** A syntax error with its line, column and — where the parser got to one — the record and field it is in. */
function syntaxProblem(file: string, text: string, starts: number[], e: ParseError): InputProblem {
  let offset = e.offset;
  const code = printParseErrorCode(e.error);
  let what = SYNTAX_ERRORS[code] ?? code;
  const at = text.slice(offset, offset + 9);
  const trailingComma =
    (code === "ValueExpected" || code === "PropertyNameExpected") &&
    /^[\]}]/.test(at) &&
    /,\s*$/.test(text.slice(Math.max(0, offset - 1000), offset));
  if (trailingComma) {
    offset = text.slice(0, offset).lastIndexOf(",");
    what = "a trailing comma after the last item: remove it";
  } else if (/^-?(NaN|Infinity)/.test(at))
    what = `${/^-?\w+/.exec(at)![0]} is not a JSON value: leave the property out`;
  else if (at.startsWith("'")) what = 'JSON takes double quotes ("), not single ones';
  const line = lineOf(starts, offset);
  const column = offset - starts[line - 1]! + 1;
  const found = getLocation(text, offset).path;
  // A trailing comma belongs to the list or object it ends, not to its last item.
  const path = trailingComma ? found.slice(0, -1) : found;
  const inRecord = (path[0] === "nodes" || path[0] === "relationships") && typeof path[1] === "number";
  const field = (inRecord ? path.slice(2) : path).join(".");
  return {
    file,
    line,
    ...(inRecord ? { record: (path[1] as number) + 1 } : {}),
    ...(field ? { field } : {}),
    message: `malformed JSON at column ${column}: ${what}`,
  };
}

/** A draft of `guanxi extract` (core/draft.ts): a data set whose records carry a `review`. */
export { DRAFT_FORMAT };

/**
 * Reads a data set, or (with `allowDraft`) a draft of `guanxi extract`; `format` says which it was, so the
 * caller resolves a draft's reviews (ingest/draft.ts) before validation.
 */
export function readJsonDataset(
  file: string,
  text: string,
  options: { allowDraft?: boolean } = {},
): ReadResult & { format?: string } {
  const problems: InputProblem[] = [];
  const records: RawRecord[] = [];
  text = text.replace(/^\uFEFF/, ""); // a byte-order mark is no content
  if (text.trim() === "") return { records, problems: [{ file, line: 1, message: "the file is empty" }] };
  const starts = lineStarts(text);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      records,
      problems: [{ file, line: 1, message: "malformed JSON: nested too deeply to be a data set" }],
    };
  }

  if (errors.length > 0 || !root) {
    for (const e of errors.slice(0, 10)) problems.push(syntaxProblem(file, text, starts, e));
    if (problems.length === 0) problems.push({ file, line: 1, message: "malformed JSON: the file is empty" });
    return { records, problems };
  }
  if (root.type !== "object") {
    return {
      records,
      problems: [{ file, line: 1, message: "a data set must be a JSON object with nodes and relationships" }],
    };
  }

  const format = property(root, "format");
  const isDraft = options.allowDraft === true && format?.value === DRAFT_FORMAT;
  if (format && format.value !== DATASET_FORMAT && !isDraft) {
    problems.push({
      file,
      line: lineOf(starts, format.offset),
      field: "format",
      message: `must be "${DATASET_FORMAT}"${options.allowDraft ? ` (or "${DRAFT_FORMAT}" for a draft of guanxi extract)` : ""}`,
    });
  }
  const version = property(root, "version");
  if (version && version.value !== DATASET_VERSION) {
    problems.push({
      file,
      line: lineOf(starts, version.offset),
      field: "version",
      message: `this Guanxi reads version ${DATASET_VERSION}, got ${JSON.stringify(getNodeValue(version))}`,
    });
  }

  const sections = [
    ["nodes", "node"],
    ["relationships", "relationship"],
  ] as const;
  for (const [key, kind] of sections) {
    const list = property(root, key);
    if (!list) {
      if (kind === "node") problems.push({ file, line: 1, field: key, message: 'missing "nodes" array' });
      continue;
    }
    if (list.type !== "array") {
      problems.push({ file, line: lineOf(starts, list.offset), field: key, message: "must be an array" });
      continue;
    }
    for (const [index, item] of (list.children ?? []).entries()) {
      const line = lineOf(starts, item.offset);
      const location = { file, line, record: index + 1 };
      if (item.type !== "object") {
        problems.push({ ...location, message: `each ${kind} must be a JSON object` });
        continue;
      }
      const fields: Record<string, unknown> = {};
      // No prototype: a "__proto__" key gets its line like any other.
      const fieldLines = Object.create(null) as Record<string, number>;
      for (const pair of item.children ?? []) {
        const [keyNode, valueNode] = pair.children ?? [];
        if (!keyNode || !valueNode) continue;
        const name = String(keyNode.value);
        if (Object.hasOwn(fields, name)) {
          problems.push({
            ...location,
            line: lineOf(starts, keyNode.offset),
            field: name,
            message: "is given twice in one record",
          });
          continue;
        }
        let value: unknown;
        try {
          value = getNodeValue(valueNode);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          problems.push({
            ...location,
            line: lineOf(starts, valueNode.offset),
            field: name,
            message: "is nested too deeply to be a property value",
          });
          continue;
        }
        // Defined, not assigned: a key such as "__proto__" is a field like any other (and refused as a property).
        Object.defineProperty(fields, name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        fieldLines[name] = lineOf(starts, valueNode.offset);
      }
      records.push({ kind, location, fields, fieldLines });
    }
  }
  return { records, problems, ...(isDraft ? { format: DRAFT_FORMAT } : {}) };
}
