/** Small form helpers of the analysis panel: selects whose options follow the screen. */
import { el } from "../../lib/dom.ts";

export interface Choice {
  value: string;
  label: string;
}

/** Sets a select's options (only when they changed: an open select stays open) and its value. */
export function fillSelect(select: HTMLSelectElement, choices: readonly Choice[], value: string): void {
  const wanted = choices.map((c) => `${c.value}\u0000${c.label}`).join("\u0001");
  if (select.dataset.options !== wanted) {
    select.replaceChildren(...choices.map((c) => el("option", { text: c.label, attrs: { value: c.value } })));
    select.dataset.options = wanted;
  }
  select.value = choices.some((c) => c.value === value) ? value : (choices[0]?.value ?? "");
}

export function labelled(text: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return el("label", { class: "analysis-field" }, [
    el("span", { class: "analysis-field-name", text }),
    control,
    hint ? el("span", { class: "analysis-hint", text: hint }) : null,
  ]);
}

export function select(testId: string, label: string): HTMLSelectElement {
  return el("select", { class: "analysis-select", attrs: { "data-testid": testId, "aria-label": label } });
}
