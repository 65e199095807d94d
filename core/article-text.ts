/**
 * The text of a source article with page-break artefacts removed. The seed is a newspaper page
 * flattened to text: a sentence that crossed a column or page break is cut into two paragraphs
 * ("共计培训" / "职工6.94万人次"). Evidence quotes are checked against this cleaned text.
 */

/** Characters that end a paragraph for real; a long paragraph ending otherwise was cut by a break. */
const PARAGRAPH_END = /[。！？!?”」）)…：:；;》]$/u;

/** A paragraph ending mid-clause was cut by a break whatever its length. */
const MID_CLAUSE = /[，、]$/u;

/** Headlines and credits are short; only body paragraphs are long enough to have been cut. */
const MIN_BODY_PARAGRAPH = 40;

/** A bare page number at the very end of the page ("…找到幸福。2"). */
const TRAILING_PAGE_NUMBER = /(?<=[。！？”])\d{1,3}$/u;

export function cleanArticleParagraphs(raw: string): string[] {
  const paragraphs = raw
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, "").trim())
    .filter((p) => p.length > 0);

  const joined: string[] = [];
  let carry = "";
  for (const paragraph of paragraphs) {
    const text = carry + paragraph;
    if (MID_CLAUSE.test(text) || (text.length >= MIN_BODY_PARAGRAPH && !PARAGRAPH_END.test(text))) {
      carry = text;
      continue;
    }
    joined.push(text);
    carry = "";
  }
  if (carry) joined.push(carry);
  const last = joined.length - 1;
  if (last >= 0) joined[last] = joined[last]!.replace(TRAILING_PAGE_NUMBER, "");
  return joined;
}

export function cleanArticleText(raw: string): string {
  return cleanArticleParagraphs(raw).join("\n");
}
