/**
 * One CSV field as RFC 4180 writes it, the one quoting rule of every CSV Guanxi writes (export, the
 * CLI, the workbench's Copy as CSV, benchmarks): quoted when it holds a quote, the delimiter or a line
 * break, or starts or ends with white space (which readers such as neo4j-admin would trim).
 */
export function csvField(text: string, delimiter = ","): string {
  const needsQuotes =
    text.includes('"') ||
    text.includes(delimiter) ||
    text.includes("\n") ||
    text.includes("\r") ||
    /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}
