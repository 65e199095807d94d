/**
 * The Cypher editor: CodeMirror 6 with Neo4j's Cypher support for CodeMirror (@neo4j-cypher/codemirror —
 * highlighting, schema-aware completion) and Neo4j's current language support for the lint
 * (cypher-lint.ts: the editor package's own lint predates Cypher 5 and underlines valid queries), plus
 * what the workbench adds: Ctrl/Cmd+Enter runs, Ctrl/Cmd+↑/↓ walk the history, and Neo4j's error
 * position from the server marked in the text. Loaded on demand (dynamic import) so the first graph
 * view never waits for it.
 */
import { forceLinting, linter, type Diagnostic } from "@codemirror/lint";
import { Prec, StateEffect, StateField } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { createCypherEditor, type EditorApi } from "@neo4j-cypher/codemirror";
import "@neo4j-cypher/codemirror/css/cypher-codemirror.css";
import type { SchemaResponse } from "../../../../core/api-types.ts";
import { CypherLinter } from "./cypher-lint.ts";

export interface QueryEditorOptions {
  value: string;
  onRun: () => void;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+↑ (-1, older) and ↓ (+1, newer): the text to show instead, or null to stay. */
  onHistory: (step: -1 | 1) => string | null;
}

export interface QueryEditor {
  value(): string;
  setValue(text: string): void;
  focus(): void;
  setSchema(schema: SchemaResponse): void;
  /** Marks Neo4j's error at `offset` (0-based, in the text as run); cleared by the next edit. */
  markError(offset: number, message: string): void;
  clearError(): void;
  destroy(): void;
}

interface ServerError {
  from: number;
  to: number;
  message: string;
}

const setServerError = StateEffect.define<ServerError | null>();

const serverErrorField = StateField.define<ServerError | null>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setServerError)) return effect.value;
    return tr.docChanged ? null : value;
  },
});

/** The server's error as a lint diagnostic, next to the language support's own syntax errors. */
const serverErrorLinter = linter(
  (view): Diagnostic[] => {
    const error = view.state.field(serverErrorField);
    if (!error) return [];
    return [
      {
        from: error.from,
        to: error.to,
        severity: "error",
        source: "Neo4j",
        message: error.message,
        markClass: "cm-server-error",
      },
    ];
  },
  {
    needsRefresh: (update) =>
      update.startState.field(serverErrorField) !== update.state.field(serverErrorField),
  },
);

/** The word at `offset` (or one character; at the very end, the last one), for the error underline. */
export function errorRange(text: string, offset: number): { from: number; to: number } {
  if (text.length === 0) return { from: 0, to: 0 };
  const from = Math.min(Math.max(0, offset), text.length - 1);
  const word = /^[\p{L}\p{N}_$]+/u.exec(text.slice(from));
  return { from, to: from + (word ? word[0].length : 1) };
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "#fff" },
  ".cm-content": { fontFamily: "var(--mono)", padding: "6px 0" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "#fafbfc", borderRight: "1px solid var(--line)", color: "var(--faint)" },
  ".cm-server-error": { backgroundColor: "#fde2e2" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "var(--accent)", color: "#fff" },
});

export function createQueryEditor(parent: HTMLElement, options: QueryEditorOptions): QueryEditor {
  const cypherLinter = new CypherLinter();
  // The package's typings say it returns the EditorApi; its code returns `{ editor: EditorApi }`.
  const { editor } = createCypherEditor(parent, {
    value: options.value,
    theme: "light",
    // Its grammar is older than Cypher 5 (COUNT {}, CALL () {}, quantified paths): cypherLinter lints.
    lint: false,
    lineNumbers: true,
    lineWrapping: true,
    autofocus: false,
    cursorWide: false,
    placeholder: "MATCH (n:Organisation) RETURN n LIMIT 25",
    postExtensions: [
      Prec.highest(
        keymap.of([
          {
            key: "Mod-Enter",
            run: () => {
              options.onRun();
              return true;
            },
          },
          { key: "Mod-ArrowUp", run: () => walk(-1) },
          { key: "Mod-ArrowDown", run: () => walk(1) },
        ]),
      ),
      serverErrorField,
      serverErrorLinter,
      cypherLinter.extension(),
      theme,
      EditorView.contentAttributes.of({ "aria-label": "Cypher query", "data-testid": "cypher-input" }),
    ],
  }) as unknown as { editor: EditorApi };
  const view = editor.codemirror;
  const walk = (step: -1 | 1): boolean => {
    const text = options.onHistory(step);
    if (text === null) return false;
    api.setValue(text);
    return true;
  };
  editor.onValueChanged((value: string) => options.onChange(value));

  const api: QueryEditor = {
    value: () => view.state.doc.toString(),
    setValue(text) {
      editor.setValue(text);
      editor.setPosition(text.length);
    },
    focus: () => editor.focus(),
    setSchema(schema) {
      // The database's labels and types, and the active schema's (those it may hold after an ingest).
      const labels = [
        ...new Set([...schema.labels.map((l) => l.label), ...Object.keys(schema.schema.labels)]),
      ];
      const relationshipTypes = [
        ...new Set([
          ...schema.relationshipTypes.map((t) => t.type),
          ...Object.keys(schema.schema.relationshipTypes),
        ]),
      ];
      cypherLinter.setSchema({ labels, relationshipTypes, propertyKeys: schema.propertyKeys });
      // What was linted before the schema came is linted again with it.
      forceLinting(view);
      // Neo4j's editor support wants labels and relationship types with their colon (":Region").
      editor.setSchema({
        labels: labels.map((l) => `:${l}`),
        relationshipTypes: relationshipTypes.map((t) => `:${t}`),
        propertyKeys: schema.propertyKeys,
      });
    },
    markError(offset, message) {
      const range = errorRange(view.state.doc.toString(), offset);
      view.dispatch({ effects: setServerError.of({ ...range, message }) });
      forceLinting(view);
    },
    clearError() {
      if (view.state.field(serverErrorField)) view.dispatch({ effects: setServerError.of(null) });
    },
    destroy: () => {
      cypherLinter.kill();
      editor.destroy();
    },
  };
  return api;
}
