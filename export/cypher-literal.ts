/**
 * Cypher literals for `:param` lines (cypher-shell, Neo4j Browser): written by the script export and read
 * back by the script runner (export/db/run-cypher-script.ts). Only data literals: strings, numbers,
 * booleans, null, lists, maps and `date('YYYY-MM-DD')` — never an expression that computes anything else.
 */

export type CypherValue =
  | { kind: "null" }
  | { kind: "boolean"; value: boolean }
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "string"; value: string }
  | { kind: "date"; value: string }
  | { kind: "list"; items: CypherValue[] }
  | { kind: "map"; entries: [string, CypherValue][] };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A map key or other name: bare when it is a plain identifier, else backquoted (backquotes doubled). */
export function cypherName(name: string): string {
  return IDENTIFIER.test(name) ? name : "`" + name.replace(/`/g, "``") + "`";
}

function stringLiteral(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (
      code < 0x20 ||
      code === 0x7f ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0xd800 && code <= 0xdfff)
    )
      out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + "'";
}

function floatLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as a Cypher literal`);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

export function writeCypherLiteral(value: CypherValue): string {
  switch (value.kind) {
    case "null":
      return "null";
    case "boolean":
      return String(value.value);
    case "int":
      return String(value.value);
    case "float":
      return floatLiteral(value.value);
    case "string":
      return stringLiteral(value.value);
    case "date":
      return `date(${stringLiteral(value.value)})`;
    case "list":
      return `[${value.items.map(writeCypherLiteral).join(", ")}]`;
    case "map":
      return `{${value.entries.map(([k, v]) => `${cypherName(k)}: ${writeCypherLiteral(v)}`).join(", ")}}`;
  }
}

export class CypherLiteralError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} at character ${offset + 1}`);
    this.name = "CypherLiteralError";
  }
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
  "'": "'",
  '"': '"',
  "\\": "\\",
};

/** Reads one literal (the subset above); throws CypherLiteralError on anything else. */
export function parseCypherLiteral(text: string): CypherValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new CypherLiteralError(what, i);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const expect = (ch: string) => {
    space();
    if (text[i] !== ch) fail(`expected "${ch}"`);
    i++;
  };
  const string = (): string => {
    const quote = text[i]!;
    i++;
    let out = "";
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\") {
        const next = text[i + 1] ?? "";
        if (next === "u" || next === "U") {
          const digits = next === "u" ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + digits);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) fail("bad \\u escape");
          out += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + digits;
          continue;
        }
        const escaped = ESCAPES[next];
        if (escaped === undefined) fail(`unknown escape \\${next}`);
        out += escaped;
        i += 2;
        continue;
      }
      out += text[i];
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
    return out;
  };
  const name = (): string => {
    space();
    if (text[i] === "`") {
      let out = "";
      i++;
      for (;;) {
        if (i >= text.length) fail("unterminated `name`");
        if (text[i] === "`") {
          if (text[i + 1] === "`") {
            out += "`";
            i += 2;
            continue;
          }
          i++;
          return out;
        }
        out += text[i];
        i++;
      }
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) fail("expected a name");
    i += m![0].length;
    return m![0];
  };
  const value = (): CypherValue => {
    space();
    const ch = text[i];
    if (ch === "'" || ch === '"') return { kind: "string", value: string() };
    if (ch === "[") {
      i++;
      const items: CypherValue[] = [];
      space();
      if (text[i] === "]") {
        i++;
        return { kind: "list", items };
      }
      for (;;) {
        items.push(value());
        space();
        if (text[i] === "]") {
          i++;
          return { kind: "list", items };
        }
        expect(",");
      }
    }
    if (ch === "{") {
      i++;
      const entries: [string, CypherValue][] = [];
      space();
      if (text[i] === "}") {
        i++;
        return { kind: "map", entries };
      }
      for (;;) {
        const key = name();
        expect(":");
        entries.push([key, value()]);
        space();
        if (text[i] === "}") {
          i++;
          return { kind: "map", entries };
        }
        expect(",");
      }
    }
    const number = /^-?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      const isFloat = number[1]!.includes(".") || number[2] !== undefined;
      const n = Number(number[0]);
      if (!isFloat && !Number.isSafeInteger(n)) fail("integer beyond 2^53");
      return { kind: isFloat ? "float" : "int", value: n };
    }
    const word = /^[A-Za-z_]+/.exec(text.slice(i))?.[0]?.toLowerCase();
    if (word === "true" || word === "false") {
      i += word.length;
      return { kind: "boolean", value: word === "true" };
    }
    if (word === "null") {
      i += 4;
      return { kind: "null" };
    }
    if (word === "date") {
      i += 4;
      expect("(");
      space();
      if (text[i] !== "'" && text[i] !== '"') fail("expected a date string");
      const iso = string();
      expect(")");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) fail(`"${iso}" is not a YYYY-MM-DD date`);
      return { kind: "date", value: iso };
    }
    return fail("expected a literal (text, number, boolean, null, list, map or date('…'))");
  };
  const result = value();
  space();
  if (i < text.length) fail("unexpected text after the value");
  return result;
}
