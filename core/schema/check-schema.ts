/**
 * Checks a schema document as a user wrote it: JSON syntax, the published JSON Schema
 * (schema/guanxi-schema.schema.json, through ajv), then what a JSON Schema cannot say — relationship ends
 * name labels of the schema, captions name a property, Guanxi's own property names are not redefined.
 * Every problem has file, line and field.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { InputProblem } from "../errors.ts";
import type { PropertySpec } from "../model.ts";
import type { SchemaDocument } from "./document.ts";
import { buildSchemaDocumentJsonSchema } from "./document-json-schema.ts";
import { DERIVED_NODE_PROPERTIES, GraphSchema, KEY_PROPERTY, PROVENANCE_PROPERTIES } from "./graph-schema.ts";
import { lineOf, lineStarts } from "../text-lines.ts";

export interface SchemaCheck {
  schema?: GraphSchema;
  problems: InputProblem[];
}

let validator: ReturnType<Ajv2020["compile"]> | undefined;
function validate(value: unknown) {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(buildSchemaDocumentJsonSchema());
  const ok = validator(value);
  return ok ? [] : (validator.errors ?? []);
}

/** `/labels/Person/properties/born` → ["labels", "Person", "properties", "born"]. */
function pathOf(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Checks the schema document `value`, found at `root` of a JSON tree of `text` (the whole file, or a data
 * set's `schema` section; `prefix` is its path there, for field names).
 */
export function checkSchemaNode(file: string, text: string, root: Node, prefix: string[] = []): SchemaCheck {
  const starts = lineStarts(text);
  const problems: InputProblem[] = [];
  const where = (path: (string | number)[]) => {
    let node: Node | undefined;
    for (let i = path.length; i >= 0 && !node; i--) node = findNodeAtLocation(root, path.slice(0, i));
    const field = [...prefix, ...path].join(".");
    return { file, line: lineOf(starts, (node ?? root).offset), ...(field ? { field } : {}) };
  };
  const problem = (path: (string | number)[], message: string) => problems.push({ ...where(path), message });

  const value = JSON.parse(text.slice(root.offset, root.offset + root.length)) as unknown;
  for (const error of validate(value)) {
    const path = pathOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "additionalProperties")
      problem(
        [...path, String(params.additionalProperty)],
        `unknown field "${String(params.additionalProperty)}"`,
      );
    else if (error.keyword === "required")
      problem([...path, String(params.missingProperty)], `missing "${String(params.missingProperty)}"`);
    else if (error.keyword === "propertyNames")
      problem(
        [...path, String(params.propertyName)],
        `the name ${JSON.stringify(params.propertyName)} is not allowed (empty, a control character or a backtick)`,
      );
    else if (error.keyword === "enum")
      problem(
        path,
        `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      );
    else problem(path, error.message ?? "is not valid");
  }
  if (problems.length > 0) return { problems };

  const doc = value as SchemaDocument;
  const labels = new Set(Object.keys(doc.labels));
  const checkProperties = (
    path: string[],
    specs: Record<string, PropertySpec> | undefined,
    reserved: readonly string[],
    why: string,
  ) => {
    for (const [name, spec] of Object.entries(specs ?? {})) {
      if (reserved.includes(name)) problem([...path, name], `"${name}" is ${why}: remove it`);
      if (name === KEY_PROPERTY && spec.type !== "string")
        problem([...path, name, "type"], `"${KEY_PROPERTY}" is Guanxi's node key and is always text`);
      if (spec.enum && spec.type !== "string" && spec.type !== "string[]")
        problem([...path, name, "enum"], "a closed vocabulary (enum) is for text properties");
      if (spec.time !== undefined && spec.type !== "int")
        problem(
          [...path, name, "time"],
          `"time": "year" is for int properties (a date property is a time already)`,
        );
      if (spec.monthProperty !== undefined) {
        const month = specs?.[spec.monthProperty];
        if (spec.time !== "year")
          problem([...path, name, "monthProperty"], 'a month goes with a year: set "time": "year" too');
        else if (!month || month.type !== "int")
          problem(
            [...path, name, "monthProperty"],
            `"${spec.monthProperty}" is not an int property declared beside "${name}"`,
          );
      }
    }
  };
  const nodeReserved = DERIVED_NODE_PROPERTIES;
  const nodeWhy = "computed by Guanxi at ingest (pinyin search keys)";
  const relReserved = Object.keys(PROVENANCE_PROPERTIES);
  const relWhy =
    'Guanxi\'s provenance ("evidence" and "article"/"articles"): set "provenance" on the type instead';
  checkProperties(["nodeProperties"], doc.nodeProperties, nodeReserved, nodeWhy);
  checkProperties(["relationshipProperties"], doc.relationshipProperties, relReserved, relWhy);
  for (const [label, def] of Object.entries(doc.labels)) {
    checkProperties(["labels", label, "properties"], def.properties, nodeReserved, nodeWhy);
    if (def.caption !== undefined) {
      const known = { ...doc.nodeProperties, ...def.properties, [KEY_PROPERTY]: true };
      if (!Object.hasOwn(known, def.caption))
        problem(
          ["labels", label, "caption"],
          `the caption "${def.caption}" is not a property of ${label}: declare it under "properties" (or "nodeProperties")`,
        );
    }
  }
  for (const [type, def] of Object.entries(doc.relationshipTypes)) {
    checkProperties(["relationshipTypes", type, "properties"], def.properties, relReserved, relWhy);
    for (const end of ["from", "to"] as const) {
      def[end].forEach((label, i) => {
        if (!labels.has(label))
          problem(
            ["relationshipTypes", type, end, i],
            `"${label}" is not a label of this schema (labels: ${[...labels].join(", ")})`,
          );
      });
    }
  }
  const documentLabel = doc.provenance?.documentLabel;
  if (documentLabel !== undefined && !labels.has(documentLabel))
    problem(["provenance", "documentLabel"], `"${documentLabel}" is not a label of this schema`);
  const requires = Object.entries(doc.relationshipTypes).some(
    ([, def]) => (def.provenance ?? doc.provenance?.default) === "required",
  );
  if (requires && documentLabel === undefined)
    problem(
      ["provenance"],
      'relationship types require provenance, so "provenance.documentLabel" must name the label of the source documents',
    );
  return problems.length > 0 ? { problems } : { schema: new GraphSchema(doc), problems };
}

/** Checks a schema file's text. */
export function checkSchemaText(file: string, text: string): SchemaCheck {
  const errors: ParseError[] = [];
  const body = text.replace(/^\uFEFF/, "");
  const root = parseTree(body, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    const starts = lineStarts(body);
    const problems = errors.slice(0, 10).map((e) => {
      const line = lineOf(starts, e.offset);
      return {
        file,
        line,
        message: `malformed JSON at column ${e.offset - starts[line - 1]! + 1}: ${printParseErrorCode(e.error)}`,
      };
    });
    return { problems: problems.length ? problems : [{ file, line: 1, message: "the file is empty" }] };
  }
  if (root.type !== "object")
    return { problems: [{ file, line: 1, message: "a schema must be a JSON object" }] };
  return checkSchemaNode(file, body, root);
}
