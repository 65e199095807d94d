/**
 * A page of text → its stories. Page-break artefacts are removed first (core/article-text.ts, as the
 * seed's evidence was cleaned). A line of `---` (or a form feed) marks a story boundary where the user
 * knows it; without marks, a run of short lines without sentence-ending punctuation (headline, kicker,
 * section label) followed by body text starts a story, and a trailing credit (本报记者 马超 摄影报道)
 * stays with the story it ends.
 */
import { cleanArticleParagraphs } from "../core/article-text.ts";

export interface StoryText {
  title: string;
  /** Section label or kicker lines above the headline (>> 他山之石 <<), if any. */
  section?: string;
  /** The body, paragraphs joined by line breaks: evidence is quoted from it (and from the title). */
  text: string;
  /** The file it was read from (Article.source). */
  source?: string;
}

const MARK = /^\s*(-{3,}|={3,}|\*{3,}|_{3,})\s*$/u;
const SECTION = /^\s*(>>|【|\[|〓|■|●)\s*(.+?)\s*(<<|】|\]|〓)?\s*$/u;
/** A sentence ends with its punctuation, a quote or bracket after it allowed (…。”); a headline ends without. */
const SENTENCE_END = /[。！？!?；;…][”」』）)"]?$/u;
/** A credit line: 本报记者 马超 摄影报道, （记者 张晶）, 通讯员 李明, 转自《中工网》. */
const CREDIT =
  /^(（|\()?(本报)?(记者|通讯员|摄影|实习生|编辑|责任编辑)[\s：:]*[\p{Script=Han}·]{2,4}(\s|$|）|\))|摄影?报道$|^(转自|来源[：:])/u;
const MAX_HEADLINE = 40;

function isShort(paragraph: string): boolean {
  return paragraph.length <= MAX_HEADLINE && !SENTENCE_END.test(paragraph) && !CREDIT.test(paragraph);
}

function sectionLabel(line: string): string | undefined {
  const m = SECTION.exec(line);
  return m && line.length <= MAX_HEADLINE ? m[2] : undefined;
}

function story(run: string[], body: string[]): StoryText {
  const headlines = run.filter((l) => sectionLabel(l) === undefined);
  const sections = run.filter((l) => sectionLabel(l) !== undefined).map((l) => sectionLabel(l)!);
  const title = headlines.at(-1) ?? (body[0] ?? "").slice(0, MAX_HEADLINE);
  const above = [...sections, ...headlines.slice(0, -1)];
  return { title, ...(above.length ? { section: above.join(" / ") } : {}), text: body.join("\n") };
}

/** Stories between explicit marks: each one's first short line is its headline. */
function splitMarked(paragraphs: string[]): StoryText[] {
  const groups: string[][] = [[]];
  for (const p of paragraphs) {
    if (MARK.test(p)) groups.push([]);
    else groups.at(-1)!.push(p);
  }
  return groups
    .filter((g) => g.length > 0)
    .map((g) => {
      const run: string[] = [];
      while (g.length > 1 && isShort(g[0]!)) run.push(g.shift()!);
      return story(run, g);
    });
}

export function splitStories(text: string): StoryText[] {
  const paragraphs = cleanArticleParagraphs(text.replaceAll("\f", "\n\n---\n\n"));
  if (paragraphs.some((p) => MARK.test(p))) return splitMarked(paragraphs);
  const stories: StoryText[] = [];
  let run: string[] = [];
  let pendingRun: string[] = [];
  let body: string[] = [];
  for (const p of paragraphs) {
    if (isShort(p)) {
      run.push(p);
      continue;
    }
    if (CREDIT.test(p) && run.length === 0 && body.length > 0) {
      body.push(p); // a credit ends the story it follows
      continue;
    }
    const headed = run.some((l) => sectionLabel(l) === undefined);
    if (headed && body.length > 0) {
      stories.push(story(pendingRun, body));
      body = [];
      pendingRun = run;
    } else if (body.length === 0) {
      pendingRun = [...pendingRun, ...run];
    } else body.push(...run); // short lines inside a story that start nothing
    run = [];
    body.push(p);
  }
  if (body.length > 0) stories.push(story(pendingRun, [...body, ...run]));
  else if (run.length > 0) stories.push(story([], run));
  return stories;
}
