/**
 * CSV cells that spreadsheets would run as formulas (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`): a text cell
 * starting with = + - @, a tab or a carriage return gets a leading apostrophe, which Excel, LibreOffice
 * and Google Sheets show as text (OWASP's advice for CSV injection). Only text cells: numbers stay numbers.
 * Pure; csv.ts applies it unless the export asks to keep formulas (`keepFormulas`).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet would read `text` as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** `text`, shown as text by spreadsheets: `'` in front of a cell that would start a formula. */
export function spreadsheetSafe(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
