/**
 * Lints Cypher with Neo4j's current language support (@neo4j-cypher/language-support: the Cypher 5
 * grammar, plus Neo4j's semantic analysis) in a web worker: a lint takes from tens of milliseconds to
 * a second, which would stall typing on the main thread. Answers each request with plain diagnostics.
 */
import { isNotParamError, lintCypherQuery } from "@neo4j-cypher/language-support";
import type { LintRequest, LintResponse } from "./cypher-lint.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LintRequest>) => void) | null;
  postMessage(message: LintResponse): void;
};

/** LSP messages may be markup: the editor shows text. */
const messageText = (message: string | { value: string }) =>
  typeof message === "string" ? message : message.value;

scope.onmessage = ({ data }) => {
  try {
    const { diagnostics } = lintCypherQuery(data.query, data.schema);
    scope.postMessage({
      id: data.id,
      // Parameters get their fields under the editor: "$name is not defined" is not a mistake here.
      diagnostics: diagnostics
        .map((d) => ({ ...d, message: messageText(d.message) }))
        .filter(isNotParamError)
        .map((d) => ({
          from: d.offsets.start,
          to: d.offsets.end,
          // LSP severities: 1 error, 2 warning (e.g. a label the database does not hold), 3–4 hints.
          severity: d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "info",
          message: d.message,
        })),
    });
  } catch (error) {
    // A crash of the linter must not look like a mistake in the query: no diagnostics.
    scope.postMessage({ id: data.id, diagnostics: [], failed: String(error) });
  }
};
