/**
 * Reads a Guanxi JSON data set (schema/guanxi-dataset.schema.json) keeping the line of every record
 * and field, so that validation can say exactly where a problem is.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { InputProblem } from "../core/errors.ts";
import type { RawRecord, ReadResult } from "./raw-record.ts";
import { lineOf, lineStarts } from "../core/text-lines.ts";

export const DATASET_FORMAT = "guanxi-dataset";
export const DATASET_VERSION = 1;

function property(node: Node, key: string): Node | undefined {
  const pair = node.children?.find((p) => p.children?.[0]?.value === key);
  return pair?.children?.[1];
}

export function readJsonDataset(file: string, text: string): ReadResult {
  const problems: InputProblem[] = [];
  const records: RawRecord[] = [];
  text = text.replace(/^\uFEFF/, ""); // a byte-order mark is no content
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
    for (const e of errors.slice(0, 10)) {
      const line = lineOf(starts, e.offset);
      const column = e.offset - starts[line - 1]! + 1;
      problems.push({
        file,
        line,
        message: `malformed JSON at column ${column}: ${printParseErrorCode(e.error)}`,
      });
    }
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
  if (format && format.value !== DATASET_FORMAT) {
    problems.push({
      file,
      line: lineOf(starts, format.offset),
      field: "format",
      message: `must be "${DATASET_FORMAT}"`,
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
      const fieldLines: Record<string, number> = {};
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
        // Defined, not assigned: a key such as "__proto__" is a field like any other (and refused as a property).
        Object.defineProperty(fields, name, {
          value: getNodeValue(valueNode),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        fieldLines[name] = lineOf(starts, valueNode.offset);
      }
      records.push({ kind, location, fields, fieldLines });
    }
  }
  return { records, problems };
}
