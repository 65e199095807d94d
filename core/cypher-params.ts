/**
 * The `$name` parameters a Cypher statement uses, in order of first use. Strings, comments and
 * back-quoted names are skipped, so `'$5'` or `// $x` is not a parameter. Pure (no Node imports):
 * the explorer's query panel and the saved-query loader both use it.
 */
const SKIPPED =
  /\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*|'(?:[^'\\]|\\.)*(?:'|$)|"(?:[^"\\]|\\.)*(?:"|$)|`[^`]*(?:`|$)/g;
const PARAMETER = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function parameterNames(cypher: string): string[] {
  const text = cypher.replace(SKIPPED, (m) => " ".repeat(m.length));
  const names: string[] = [];
  for (const match of text.matchAll(PARAMETER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** A parameter value typed by an analyst: JSON when it parses (`5`, `["a","b"]`, `true`), else the text. */
export function readParameterValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return text;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}
