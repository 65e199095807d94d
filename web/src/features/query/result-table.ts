/**
 * The result table: one column per returned column, sortable by clicking a header (or Enter/Space on
 * it: headers are buttons); nodes as a coloured label chip and their name, relationships and paths as
 * chains of names. Text only goes in through textContent.
 */
import type { QueryResponse } from "../../../../core/api-types.ts";
import type { PlainValue } from "../../../../core/plain-values.ts";
import { el } from "../../lib/dom.ts";
import { labelColour } from "../../../../core/appearance.ts";
import {
  cellText,
  isNode,
  isPath,
  isRelationship,
  nextSort,
  nodeName,
  sortRows,
  type NameLookup,
} from "./cells.ts";
import type { SortState } from "./types.ts";

/** Names of every node in a response, by element id. */
export function responseNames(response: QueryResponse): NameLookup {
  const names = new Map(response.subgraph.nodes.map((n) => [n.key, n.name]));
  return (id) => names.get(id);
}

type FocusNode = (key: string) => void;

/** A node is a button: it selects the node in the graph (the result is drawn there). */
function nodeCell(value: Parameters<typeof nodeName>[0], onFocus: FocusNode): HTMLElement {
  const label = value.labels[0] ?? "";
  return el(
    "button",
    {
      class: "node-cell",
      title: "Select in the graph",
      attrs: { type: "button" },
      on: { click: () => onFocus(value.elementId) },
    },
    [
      label
        ? el("span", {
            class: "chip label-chip",
            text: label,
            attrs: { style: `--chip: ${labelColour(label)}` },
          })
        : null,
      el("span", { text: nodeName(value) }),
    ],
  );
}

function renderCell(value: PlainValue, names: NameLookup, onFocus: FocusNode): Node {
  if (value === null) return el("span", { class: "null", text: "null" });
  if (isNode(value)) return nodeCell(value, onFocus);
  if (isRelationship(value) || isPath(value)) {
    return el("span", { class: "chain", text: cellText(value, names) });
  }
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && isNode(v))) {
    return el(
      "span",
      { class: "node-list" },
      value.map((v) => nodeCell(v as Parameters<typeof nodeName>[0], onFocus)),
    );
  }
  if (typeof value === "number") return el("span", { class: "number", text: String(value) });
  return document.createTextNode(cellText(value, names));
}

export class ResultTable {
  readonly element = el("div", { class: "result-table-wrap", attrs: { tabindex: "-1" } });
  private response: QueryResponse | null = null;
  private sort: SortState | null = null;

  constructor(private readonly onFocusNode: FocusNode) {}

  show(response: QueryResponse): void {
    this.response = response;
    this.sort = null;
    this.render();
  }

  clear(): void {
    this.response = null;
    this.element.replaceChildren();
  }

  /** The rows in the order shown (sorted or as returned). */
  rows(): QueryResponse["rows"] {
    const response = this.response;
    return response ? sortRows(response.rows, this.sort, responseNames(response)) : [];
  }

  private render(): void {
    const response = this.response;
    if (!response) return;
    const names = responseNames(response);
    const head = el(
      "tr",
      {},
      response.columns.map((column) => {
        const sorted = this.sort?.column === column ? this.sort.direction : null;
        return el(
          "th",
          {
            attrs: {
              scope: "col",
              "aria-sort": sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none",
            },
          },
          [
            el(
              "button",
              {
                class: "sort-button",
                title: `Sort by ${column}`,
                attrs: { type: "button" },
                on: {
                  click: () => {
                    this.sort = nextSort(this.sort, column);
                    this.render();
                    this.element
                      .querySelector<HTMLButtonElement>(
                        `th:nth-child(${response.columns.indexOf(column) + 1}) button`,
                      )
                      ?.focus();
                  },
                },
              },
              [
                el("span", { text: column }),
                el("span", {
                  class: "sort-mark",
                  attrs: { "aria-hidden": "true" },
                  text: sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕",
                }),
              ],
            ),
          ],
        );
      }),
    );
    const body = el(
      "tbody",
      {},
      this.rows().map((row) =>
        el(
          "tr",
          {},
          response.columns.map((column) =>
            el("td", {}, [renderCell(row[column] ?? null, names, this.onFocusNode)]),
          ),
        ),
      ),
    );
    this.element.replaceChildren(
      el("table", { class: "result-table", attrs: { "aria-label": "Query result" } }, [
        el("thead", {}, [head]),
        body,
      ]),
    );
  }
}
