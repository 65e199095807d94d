/**
 * What one node and one relationship carry in a graphology graph of Guanxi's: the explorer's graph
 * (web/src/features/graph-view/types.ts adds view-only fields) and what export/ reads from it.
 */
import type { PlainValue } from "./plain-values.ts";

export interface GraphNodeAttributes {
  x: number;
  y: number;
  /** The node's domain label (Organisation, Region, …): what it is coloured and filtered by. */
  category: string;
  labels: string[];
  name: string;
  nameEn?: string;
  id?: string;
  properties: Record<string, PlainValue>;
  /** Relationships in the database, when the server said; else the degree on screen is used. */
  dbDegree?: number;
  /** Analysis results (core/analysis): metric id → value. */
  scores?: Record<string, number>;
}

export interface GraphEdgeAttributes {
  relType: string;
  properties: Record<string, PlainValue>;
}
