/**
 * @neo4j-cypher/codemirror ships its types (src/codemirror.d.ts) but its package.json "exports" do not
 * point at them; this re-exports them under the package name. Only query/cypher-editor.ts imports it.
 */
declare module "@neo4j-cypher/codemirror" {
  export * from "@neo4j-cypher/codemirror/src/codemirror.js";
}
