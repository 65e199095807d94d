import type { InputLocation, InputProblem } from "../core/errors.ts";
import type { PropertyType } from "../core/model.ts";

/**
 * A node or relationship as a reader found it, before validation against the model. Node fields:
 * `label`, `id` and properties; relationship fields: `type`, `start`, `end` and properties.
 */
export interface RawRecord {
  kind: "node" | "relationship";
  location: InputLocation;
  fields: Record<string, unknown>;
  /** Line of each field, where the reader knows it. */
  fieldLines?: Record<string, number>;
  /** Types declared by the input itself (CSV headers), for properties the model does not know. */
  declaredTypes?: Record<string, PropertyType>;
}

export interface ReadResult {
  records: RawRecord[];
  problems: InputProblem[];
}
