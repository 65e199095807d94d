import type { InputLocation, InputProblem } from "../core/errors.ts";
import type { PropertyType } from "../core/model.ts";

/**
 * A node or relationship as a reader found it, before validation against the schema. Node fields:
 * `label` (text) or `labels` (a list), `id` and properties; relationship fields: `type`, `start`, `end`
 * and properties.
 */
export interface RawRecord {
  kind: "node" | "relationship";
  location: InputLocation;
  fields: Record<string, unknown>;
  /** Line of each field, where the reader knows it. */
  fieldLines?: Record<string, number>;
  /** Types declared by the input itself (CSV headers), for properties the schema does not know. */
  declaredTypes?: Record<string, PropertyType>;
  /**
   * neo4j-admin id spaces (`:ID(Person)`, `:START_ID(Person)`): ids are unique per space, and a
   * relationship's ends are looked up in theirs. Absent: the one global space.
   */
  spaces?: { id?: string; start?: string; end?: string };
}

export interface ReadResult {
  records: RawRecord[];
  problems: InputProblem[];
}
