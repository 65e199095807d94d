import { describe, expect, it } from "vitest";
import type { PlainNode, PlainPath } from "../../core/plain-values.ts";
import { parseSavedQuery, SavedQueryError } from "../../core/node/saved-queries.ts";
import { cypherName, parseCypherLiteral, writeCypherLiteral } from "../../export/cypher-literal.ts";
import type { CypherValue } from "../../export/cypher-literal.ts";
import {
  cellText,
  nextSort,
  nodeName,
  pathText,
  sortRows,
  toCsv,
} from "../../web/src/features/query/cells.ts";

const n = (elementId: string, name: string): PlainNode => ({
  elementId,
  labels: ["X"],
  properties: { name },
});

describe("query result cells", () => {
  it("names nodes by name, title, id, else element id", () => {
    expect(nodeName(n("4:1", "通武廊"))).toBe("通武廊");
    expect(nodeName({ elementId: "4:2", labels: [], properties: {} })).toBe("4:2");
  });

  it("writes paths with arrows in their direction", () => {
    const path: PlainPath = {
      nodes: [n("1", "A"), n("2", "B"), n("3", "C")],
      relationships: [
        { elementId: "r1", type: "SPANS", startElementId: "1", endElementId: "2", properties: {} },
        { elementId: "r2", type: "PART_OF", startElementId: "3", endElementId: "2", properties: {} },
      ],
    };
    expect(pathText(path)).toBe("A —SPANS→ B ←PART_OF— C");
  });

  it("CSV quotes what needs quoting, with CRLF line ends", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        { a: 'say "hi"', b: 3 },
        { a: "x,y", b: null },
      ],
      () => undefined,
    );
    expect(csv).toBe('a,b\r\n"say ""hi""",3\r\n"x,y",\r\n');
    expect(cellText(true, () => undefined)).toBe("true");
  });

  it("sorts by a column: ascending, descending, then unsorted", () => {
    expect(nextSort(null, "a")).toEqual({ column: "a", direction: "asc" });
    expect(nextSort({ column: "a", direction: "asc" }, "a")).toEqual({ column: "a", direction: "desc" });
    expect(nextSort({ column: "a", direction: "desc" }, "a")).toBeNull();
    const rows = [{ v: 2 }, { v: 1 }, { v: 3 }];
    expect(sortRows(rows, { column: "v", direction: "asc" }, () => undefined).map((r) => r.v)).toEqual([
      1, 2, 3,
    ]);
  });
});

describe("Cypher literals", () => {
  it("round-trips every kind of value", () => {
    const value: CypherValue = {
      kind: "map",
      entries: [
        ["name", { kind: "string", value: '它\'s "q"\n' }],
        ["n", { kind: "int", value: -3 }],
        ["f", { kind: "float", value: 1.5 }],
        ["ok", { kind: "boolean", value: true }],
        ["none", { kind: "null" }],
        ["day", { kind: "date", value: "2024-05-01" }],
        ["odd key", { kind: "list", items: [{ kind: "int", value: 1 }] }],
      ],
    };
    expect(parseCypherLiteral(writeCypherLiteral(value))).toEqual(value);
  });

  it("backquotes names that are not identifiers", () => {
    expect(cypherName("name")).toBe("name");
    expect(cypherName("odd`key")).toBe("`odd``key`");
  });

  it("refuses expressions", () => {
    expect(() => parseCypherLiteral("toUpper('x')")).toThrow();
  });
});

describe("saved queries", () => {
  it("reads the header: title, description, parameters", () => {
    const query = parseSavedQuery(
      "q.cypher",
      '// title: Spans\n// description: What the alliance spans\n// param: alliance = "alliance:tongwulang"\nMATCH (a {id: $alliance}) RETURN a\n',
    );
    expect(query.title).toBe("Spans");
    expect(query.params.map((p) => p.name)).toEqual(["alliance"]);
  });

  it("names the file and line of a bad header", () => {
    expect(() => parseSavedQuery("bad.cypher", "// title: X\n// nonsense\nRETURN 1")).toThrow(
      SavedQueryError,
    );
    expect(() => parseSavedQuery("bad.cypher", "// title: X\n// nonsense\nRETURN 1")).toThrow(/bad\.cypher/);
  });
});
