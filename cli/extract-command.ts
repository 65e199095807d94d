/**
 * `guanxi extract FILE… [--article-id ID] [--source NAME] [-o DRAFT.json]`: articles → a draft to review
 * and ingest. Known entities come from the configured Neo4j, or from data sets with `--known FILE`.
 * Every input is read and checked before anything is written; progress goes to stderr.
 */
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { readStdinBytes } from "../ingest/ingest.ts";
import { basename, dirname, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { InputError } from "../core/errors.ts";
import { activeSchema } from "../core/node/load-schema.ts";
import { INPUT_ENCODINGS, type InputEncoding } from "../ingest/decode.ts";
import { knownFromDatabase } from "../extract/db/known-entities.ts";
import { extractStories } from "../extract/extract.ts";
import { ExtractInputError, articleFromBytes } from "../extract/input.ts";
import { knownFromDataset, type KnownEntity } from "../extract/known.ts";
import { splitStories, type StoryText } from "../extract/split.ts";
import type { Draft } from "../core/draft.ts";
import { withDatabase } from "./connect.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";

interface ExtractCliOptions {
  articleId?: string;
  source?: string;
  output?: string;
  known?: string[];
  encoding?: InputEncoding;
  schema?: string;
}

function encodingOption(text: string): InputEncoding {
  const name = text.toLowerCase().replace(/^utf8$/, "utf-8");
  if ((INPUT_ENCODINGS as readonly string[]).includes(name)) return name as InputEncoding;
  throw new InvalidArgumentError(`must be one of ${INPUT_ENCODINGS.join(", ")}`);
}

function articleId(text: string): string {
  // eslint-disable-next-line no-control-regex -- ids are printable text
  if (text.trim() === "" || /[\u0000-\u001f\u007f]/u.test(text))
    throw new InvalidArgumentError("must be printable text");
  return text;
}

async function readArticles(files: string[], encoding: InputEncoding | undefined): Promise<StoryText[]> {
  const stories: StoryText[] = [];
  const errors: string[] = [];
  for (const path of files) {
    let bytes: Buffer;
    try {
      bytes = path === "-" ? await readStdinBytes() : await readFile(path);
    } catch (error) {
      const code = (error as { code?: string }).code;
      errors.push(
        `${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory: name the article files in it" : String(error)}`,
      );
      continue;
    }
    try {
      const name = path === "-" ? "<stdin>" : path;
      const input = articleFromBytes(name, bytes, encoding ? { encoding } : {});
      const found = splitStories(input.text).map((s) => ({
        ...s,
        source: path === "-" ? "stdin" : basename(path),
      }));
      process.stderr.write(
        `Read ${name} (${input.format}, ${input.encoding}): ${found.length} ${found.length === 1 ? "story" : "stories"}\n`,
      );
      stories.push(...found);
    } catch (error) {
      if (!(error instanceof ExtractInputError)) throw error;
      errors.push(error.message);
    }
  }
  if (errors.length > 0)
    throw new InputError(
      errors.map((message) => ({
        file: message.split(": ")[0]!,
        message: message.slice(message.indexOf(": ") + 2),
      })),
    );
  return stories;
}

async function knownFromFiles(files: string[]): Promise<KnownEntity[]> {
  const out: KnownEntity[] = [];
  for (const file of files) {
    try {
      out.push(
        ...knownFromDataset(
          JSON.parse(await readFile(file, "utf8")) as Parameters<typeof knownFromDataset>[0],
        ),
      );
    } catch (error) {
      throw new InputError([
        { file, message: `cannot read the data set of known entities: ${(error as Error).message}` },
      ]);
    }
  }
  return out;
}

function counts(draft: Draft): string {
  const links = draft.nodes.filter((n) => n.review.kind === "link");
  const ambiguous = links.filter((n) => n.review.ambiguous).length;
  const proposals = draft.nodes.filter((n) => n.review.kind === "new").length;
  const rels = draft.relationships.filter((r) => r.review.kind === "suggestion").length;
  const mentions = draft.relationships.length - rels;
  return `${links.length} linked (${ambiguous} ambiguous), ${proposals} proposed, ${rels} relationships suggested, ${mentions} MENTIONS`;
}

export function registerExtractCommand(program: Command): void {
  program
    .command("extract")
    .description(
      "extract a draft from articles (text, Markdown or HTML): known entities linked, new ones proposed",
    )
    .argument(
      "<files...>",
      "article files (- : standard input); a page of several stories is split into articles",
    )
    .option("--article-id <id>", "id of the article (several stories: ID-1, ID-2, …)", articleId)
    .option("--source <name>", "the source to record on the articles (default: the file name)")
    .option("-o, --output <file>", "write the draft here (default: standard output)")
    .option("--known <files...>", "link against these data sets instead of the database")
    .option(
      "--encoding <name>",
      `encoding of the files (default: UTF-8, or GB18030 when the bytes are): ${INPUT_ENCODINGS.join(", ")}`,
      encodingOption,
    )
    .option(...SCHEMA_OPTION)
    .action(async (files: string[], opts: ExtractCliOptions) => {
      const { schema } = activeSchema(schemaFile(opts));
      if (opts.output) {
        const dir = dirname(resolve(opts.output));
        const info = await stat(dir).catch(() => undefined);
        if (!info?.isDirectory())
          throw new InputError([
            { file: opts.output, message: `cannot write the draft: ${dir} is not a directory` },
          ]);
        const existing = await stat(opts.output).catch(() => undefined);
        if (existing?.isDirectory())
          throw new InputError([
            { file: opts.output, message: "is a directory: give the draft's file name" },
          ]);
      }
      const stories = await readArticles(files, opts.encoding);
      let known: KnownEntity[];
      let knownFrom: string[];
      if (opts.known && opts.known.length > 0) {
        known = await knownFromFiles(opts.known);
        knownFrom = opts.known.map((f) => basename(f));
      } else {
        known = await withDatabase((db) => knownFromDatabase(db, schema));
        knownFrom = ["neo4j"];
      }
      process.stderr.write(`Linking against ${known.length} known entities (${knownFrom.join(", ")})\n`);
      const { draft, stories: done } = extractStories(stories, {
        known,
        knownFrom,
        schema,
        ...(opts.articleId ? { articleId: opts.articleId } : {}),
        ...(opts.source ? { source: opts.source } : {}),
      });
      done.forEach((s, i) =>
        process.stderr.write(`  [${i + 1}/${done.length}] ${s.title} → ${s.id} (${Math.round(s.ms)} ms)\n`),
      );
      const json = JSON.stringify(draft, null, 2) + "\n";
      if (opts.output) {
        // Written whole or not at all: a temporary file renamed over the target.
        const temporary = `${opts.output}.${process.pid}.tmp`;
        await writeFile(temporary, json);
        await rename(temporary, opts.output);
        process.stderr.write(
          `Draft: ${counts(draft)} → ${opts.output}\nReview it (set each review.state), then: guanxi ingest ${opts.output}\n`,
        );
      } else {
        process.stdout.write(json);
        process.stderr.write(`Draft: ${counts(draft)}\n`);
      }
    });
}
