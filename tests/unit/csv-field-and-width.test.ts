import { describe, expect, it } from "vitest";
import { EXIT, exitCodeFor } from "../../cli/exit-codes.ts";
import { displayWidth } from "../../cli/format-result.ts";
import { csvField } from "../../core/csv-field.ts";
import { DatabaseError, InputError } from "../../core/errors.ts";
import { ReadOnlyViolation } from "../../core/node/read-only-query.ts";

describe("csvField", () => {
  it("quotes only what a reader would misread", () => {
    expect(csvField("北京市")).toBe("北京市");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("a;b")).toBe("a;b");
    expect(csvField("a;b", ";")).toBe('"a;b"');
  });
});

describe("displayWidth", () => {
  it("counts East Asian wide characters as two columns, accents as none, an emoji sequence as one wide character", () => {
    expect(displayWidth("通州区")).toBe(6);
    expect(displayWidth("Langfang")).toBe(8);
    expect(displayWidth("Ｔｏｎｇ")).toBe(8); // full-width Latin
    expect(displayWidth("e\u0301")).toBe(1); // e + combining acute
    expect(displayWidth("👩‍🔬")).toBe(2); // one ZWJ sequence
    expect(displayWidth("한국")).toBe(4);
  });
});

describe("exit codes", () => {
  it("tell validation, refusal, Cypher and connection failures apart", () => {
    expect(exitCodeFor(new InputError([{ file: "x.json", message: "bad" }])).code).toBe(EXIT.validation);
    expect(exitCodeFor(new ReadOnlyViolation("read-only", "writes")).code).toBe(EXIT.refused);
    expect(
      exitCodeFor(new DatabaseError("Invalid input", "Neo.ClientError.Statement.SyntaxError")).code,
    ).toBe(EXIT.cypher);
    expect(exitCodeFor(new DatabaseError("Cannot reach Neo4j at bolt://x", "ServiceUnavailable")).code).toBe(
      EXIT.connection,
    );
    expect(exitCodeFor(new DatabaseError("no", "Neo.ClientError.Security.Unauthorized")).code).toBe(
      EXIT.connection,
    );
    expect(exitCodeFor(new Error("bug"))).toEqual({ code: EXIT.failure, known: false });
  });
});
