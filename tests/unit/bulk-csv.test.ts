import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BulkRefusedError, bulkType, writeBulkCsv } from "../../ingest/bulk-csv.ts";
import type { Dataset } from "../../core/model.ts";
import { DEFAULT_SCHEMA } from "../../core/schema/graph-schema.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-bulk-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bulk CSV types", () => {
  it("gives each value the Neo4j type the transactional writer gives it", () => {
    expect(bulkType({ type: "date" }, "2024-02-29")).toBe("date");
    expect(bulkType(undefined, "2024-02-29")).toBe("string"); // a date only where the schema says so
    expect(bulkType(undefined, 3)).toBe("long");
    expect(bulkType({ type: "float" }, 3)).toBe("double");
    expect(bulkType(undefined, 2.5)).toBe("double");
    expect(bulkType(undefined, true)).toBe("boolean");
    expect(bulkType(undefined, ["a", ""])).toBe("string[]");
    expect(bulkType(undefined, [1, 2])).toBe("long[]");
    expect(bulkType({ type: "float[]" }, [1, 2])).toBe("double[]");
    expect(bulkType(undefined, [1, 2.5])).toBeUndefined(); // a mixed list: Neo4j refuses it
    expect(bulkType(undefined, [])).toBeUndefined(); // an empty cell would be no value
  });
});

describe("writeBulkCsv", () => {
  const dataset: Dataset = {
    nodes: [
      {
        labels: ["Organisation"],
        id: "x",
        properties: { id: "x", name: '甲, "乙"\n丙', aliases: ["a;b", "c"] },
      },
      { labels: ["Region"], id: "x", properties: { id: "x", name: "Same id" } },
      { labels: ["Region"], id: "y", properties: { id: "y", name: "Other keys", count: 4 } },
    ],
    relationships: [
      {
        type: "LOCATED_IN",
        start: "x",
        end: "x",
        startLabel: "Organisation",
        endLabel: "Region",
        properties: {},
        supports: [{ quote: "q", article: "article:1" }],
      },
    ],
  };

  it("writes one file per label and key set, one id space per label, lists joined by a free separator", async () => {
    const files = await writeBulkCsv(dataset, DEFAULT_SCHEMA, mkdtempSync(join(dir, "a-")));
    expect(files.nodes).toHaveLength(3);
    expect(files.relationships).toHaveLength(1);
    const sep = files.arrayDelimiter;
    expect(sep).toBe("\u001f");
    const org = readFileSync(files.nodes[0]!, "utf8");
    expect(org).toBe(
      `id:ID(s0),:LABEL,aliases:string[],name:string\nx,Organisation,a;b${sep}c,"甲, ""乙""\n丙"\n`,
    );
    expect(readFileSync(files.nodes[1]!, "utf8")).toMatch(/^id:ID\(s1\),:LABEL,name:string\n/);
    expect(readFileSync(files.nodes[2]!, "utf8")).toMatch(/^id:ID\(s1\),:LABEL,count:long,name:string\n/);
    expect(readFileSync(files.relationships[0]!, "utf8")).toBe(
      ":START_ID(s0),:END_ID(s1),:TYPE,evidence:string[],articles:string[]\nx,x,LOCATED_IN,q,article:1\n",
    );
  });

  it("refuses what neo4j-admin cannot hold, naming the element", async () => {
    const bad: Dataset = {
      nodes: [{ labels: ["Region"], id: "r", properties: { id: "r", name: "R", tags: [] } }],
      relationships: [],
    };
    await expect(writeBulkCsv(bad, DEFAULT_SCHEMA, dir)).rejects.toThrow(BulkRefusedError);
    await expect(writeBulkCsv(bad, DEFAULT_SCHEMA, dir)).rejects.toThrow(/node Region "r": property "tags"/);
  });
});
