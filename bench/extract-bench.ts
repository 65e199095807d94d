/**
 * `npm run bench:extract`: the extractor on the six stories of the seed page against data/seed.json as
 * the gold. Each story is extracted against the graph of the OTHER five (so what it links was learned
 * elsewhere, and what it proposes is new to that graph). Prints linking, proposal and relationship
 * precision/recall, evidence verbatim and ms per article. Flags: --verbose (the misses and false hits).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractStories } from "../extract/extract.ts";
import { splitStories } from "../extract/split.ts";
import {
  add,
  emptyCounts,
  knownWithout,
  precision,
  recall,
  scoreArticle,
  type ArticleScore,
  type Counts,
  type GoldDataset,
} from "../extract/eval/seed-gold.ts";
import { fmt, table } from "./table.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const verbose = process.argv.includes("--verbose");
const gold = JSON.parse(readFileSync(join(ROOT, "data", "seed.json"), "utf8")) as GoldDataset;
const page = readFileSync(join(ROOT, "data", "seed-article.txt"), "utf8");

const t0 = performance.now();
const stories = splitStories(page);
const splitMs = performance.now() - t0;
const articles = gold.nodes.filter((n) => n.label === "Article");
const found = articles.filter((a) => stories.some((s) => s.text === a.text)).length;
console.log(
  `Story splitting: ${stories.length} stories found on the page, ${found} of ${articles.length} with exactly the gold text (${fmt(splitMs, 1)} ms)\n`,
);

// Warm-up: jieba's dictionary and the gazetteer load once.
extractStories([{ title: "预热", text: "北京市总工会召开会议。" }]);

const scores: ArticleScore[] = [];
const ms: number[] = [];
for (const a of articles) {
  const story = stories.find((s) => s.text === a.text) ?? { title: String(a.title), text: String(a.text) };
  const known = knownWithout(gold, a.id);
  const started = performance.now();
  const { draft } = extractStories([story], { known, articleId: a.id });
  ms.push(performance.now() - started);
  scores.push(scoreArticle(gold, a.id, draft, known));
}

const pct = (x: number) => (Number.isFinite(x) ? `${fmt(100 * x, 1)} %` : "–");
const row = (name: string, c: Counts, goal = "") => [
  name,
  c.gold,
  c.predicted,
  c.tp,
  pct(precision(c)),
  pct(recall(c)),
  goal,
];
const headers = ["", "gold", "found", "right", "precision", "recall", "goal"];

const links = scores.reduce((s, x) => add(s, x.links), emptyCounts());
const mentions = scores.reduce((s, x) => add(s, x.mentions), emptyCounts());
const byLabel: Record<string, Counts> = {};
const byType: Record<string, Counts> = {};
for (const s of scores) {
  for (const [l, c] of Object.entries(s.newByLabel)) byLabel[l] = add(byLabel[l] ?? emptyCounts(), c);
  for (const [t, c] of Object.entries(s.relationshipsByType)) byType[t] = add(byType[t] ?? emptyCounts(), c);
}
const orgPeople = add(byLabel.Organisation ?? emptyCounts(), byLabel.Person ?? emptyCounts());
const relAll = Object.values(byType).reduce(add, emptyCounts());
const ambiguous = scores.reduce((s, x) => s + x.ambiguousLinks, 0);

console.log("Linking (exact, unambiguous links; each story against the graph of the other five)");
console.log(table(headers, [row("known entities", links, "P ≥ 95 %, R ≥ 95 %")]));
console.log(`(${ambiguous} more mentions marked ambiguous for review, not counted as links)\n`);
console.log("Proposals of new entities");
console.log(
  table(headers, [
    ...Object.entries(byLabel)
      .sort()
      .map(([l, c]) => row(l, c)),
    row("organisations + people", orgPeople, "P ≥ 60 %, R ≥ 80 %"),
  ]),
);
console.log("\nRelationship suggestions (MENTIONS apart)");
console.log(
  table(headers, [
    ...Object.entries(byType)
      .sort()
      .map(([t, c]) => row(t, c)),
    row("all types", relAll, "P ≥ 50 %"),
    row("MENTIONS", mentions),
  ]),
);
const evidence = scores.reduce(
  (s, x) => ({ verbatim: s.verbatim + x.evidence.verbatim, total: s.total + x.evidence.total }),
  { verbatim: 0, total: 0 },
);
console.log(
  `\nEvidence and mentions verbatim at their offsets: ${evidence.verbatim} / ${evidence.total} (${pct(evidence.verbatim / evidence.total)}; goal 100 %)`,
);
console.log(
  `Time per article: ${ms.map((m) => fmt(m, 0)).join(", ")} ms (mean ${fmt(ms.reduce((a, b) => a + b, 0) / ms.length, 0)} ms)`,
);
if (verbose)
  for (const s of scores) {
    console.log(`\n${s.article}`);
    if (s.missedLinks.length) console.log(`  missed links: ${s.missedLinks.join(", ")}`);
    if (s.missedNew.length) console.log(`  missed new:   ${s.missedNew.join(" | ")}`);
    if (s.wrongNew.length) console.log(`  wrong new:    ${s.wrongNew.join(" | ")}`);
    if (s.wrongRelationships.length) console.log(`  wrong rels:   ${s.wrongRelationships.join(" | ")}`);
  }
