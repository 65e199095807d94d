/** Export hardening (no database): spreadsheet formulas neutralised in CSV, unwritable keys refused in Cypher scripts. */
import { describe, expect, it } from "vitest";
import type { Subgraph } from "../core/api-types.ts";
import { ExportError, exportSubgraph } from "../export/index.ts";
import { looksLikeFormula, spreadsheetSafe } from "../export/spreadsheet-safe.ts";

const graph = (properties: Record<string, unknown>): Subgraph => ({
  nodes: [
    {
      key: "4:x:1",
      label: "Organisation",
      labels: ["Organisation"],
      name: "某",
      properties: { id: "org:x", name: "某", ...properties } as never,
    },
  ],
  edges: [],
});

const nodesCsv = (subgraph: Subgraph, keepFormulas?: boolean) =>
  exportSubgraph({ subgraph }, "csv", keepFormulas === undefined ? {} : { keepFormulas })[0]!.text;

describe("spreadsheetSafe", () => {
  it.each(['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])(
    "neutralises %j",
    (text) => {
      expect(looksLikeFormula(text)).toBe(true);
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
    },
  );

  it.each(["plain", "通州", "a=b", " =x", ""])("leaves %j as it is", (text) => {
    expect(spreadsheetSafe(text)).toBe(text);
  });
});

describe("CSV export", () => {
  it("neutralises formulas in text cells by default", () => {
    const csv = nodesCsv(
      graph({ name: "-cmd", website: '=HYPERLINK("http://evil","click")', aliases: ["@x", "y"] }),
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csv).toContain("'@x;y");
    expect(csv).toContain(",'-cmd");
  });

  it("leaves numbers alone: a negative count is a number, not a formula", () => {
    const csv = nodesCsv(graph({ count: -5 }));
    expect(csv).toMatch(/count:long/);
    expect(csv.split("\n")[1]).toMatch(/,-5$/);
  });

  it("keeps formulas when asked (keepFormulas)", () => {
    const csv = nodesCsv(graph({ website: "=1+1" }), true);
    expect(csv).toContain(",=1+1");
    expect(csv).not.toContain("'=1+1");
  });
});

describe("Cypher script export", () => {
  it.each(["line\nbreak", "carriage\rreturn", "nul\u0000", "sep\u2028arator"])(
    "refuses the property key %j with a message naming it",
    (key) => {
      expect(() => exportSubgraph({ subgraph: graph({ [key]: "v" }) }, "cypher")).toThrow(ExportError);
      expect(() => exportSubgraph({ subgraph: graph({ [key]: "v" }) }, "cypher")).toThrow(
        /property key [\s\S]* line break or control character/,
      );
    },
  );

  it("backquotes other unusual keys on one line", () => {
    const [file] = exportSubgraph({ subgraph: graph({ "odd key`s": "v" }) }, "cypher");
    const param = file!.text.split("\n").find((l) => l.startsWith(":param rows"))!;
    expect(param).toContain("`odd key``s`: 'v'");
  });
});
