/** Filters by node label and relationship type: pure state transitions. */
export interface FilterState {
  hiddenLabels: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
}

export const NO_FILTERS: FilterState = { hiddenLabels: new Set(), hiddenTypes: new Set() };

function toggled(set: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

export function toggleLabel(state: FilterState, label: string): FilterState {
  return { ...state, hiddenLabels: toggled(state.hiddenLabels, label) };
}

export function toggleType(state: FilterState, type: string): FilterState {
  return { ...state, hiddenTypes: toggled(state.hiddenTypes, type) };
}

/** Shows only `label` (or everything again when it is already the only one shown). */
export function soloLabel(state: FilterState, label: string, allLabels: readonly string[]): FilterState {
  const others = allLabels.filter((l) => l !== label);
  const alreadySolo = !state.hiddenLabels.has(label) && others.every((l) => state.hiddenLabels.has(l));
  return { ...state, hiddenLabels: alreadySolo ? new Set() : new Set(others) };
}

export function isFiltering(state: FilterState): boolean {
  return state.hiddenLabels.size > 0 || state.hiddenTypes.size > 0;
}

export function describeFilters(state: FilterState): string {
  const parts: string[] = [];
  if (state.hiddenLabels.size)
    parts.push(`${state.hiddenLabels.size} label${state.hiddenLabels.size > 1 ? "s" : ""}`);
  if (state.hiddenTypes.size)
    parts.push(`${state.hiddenTypes.size} relationship type${state.hiddenTypes.size > 1 ? "s" : ""}`);
  return parts.length ? `Filtered: ${parts.join(", ")} hidden` : "No filters";
}
