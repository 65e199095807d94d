/**
 * An article file → its text: bytes decoded strictly (UTF-8, or GB18030/GBK when the bytes are that,
 * ingest/decode.ts), HTML and Markdown markup stripped with the text kept. Empty, binary, over-size and
 * undecodable files are refused with a message naming the file; nothing is guessed.
 */
import { decodeInput, type InputEncoding } from "../ingest/decode.ts";

/** 2 MiB of text: a newspaper page is tens of kilobytes; more is almost surely not an article. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export class ExtractInputError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "ExtractInputError";
    this.file = file;
  }
}

export type InputFormat = "text" | "markdown" | "html";

export interface ArticleInput {
  file: string;
  text: string;
  format: InputFormat;
  encoding: string;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  mdash: "—",
  hellip: "…",
  middot: "·",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS =
  /<\/?(p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre|hr|title|figcaption)\b[^>]*>/giu;

/** HTML → text: scripts, styles and comments dropped, block elements become paragraph breaks. */
export function stripHtml(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/gu, "")
      .replace(/<(script|style|noscript|template|head)\b[\s\S]*?<\/\1\s*>/giu, (m) =>
        /^<head/i.test(m) ? (/<title[^>]*>([\s\S]*?)<\/title>/iu.exec(m)?.[1] ?? "") + "\n\n" : "",
      )
      .replace(BLOCK_TAGS, "\n\n")
      .replace(/<[^>]+>/gu, ""),
  )
    .replace(/[ \t\u00a0]+\n/gu, "\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

/** Markdown → text: headings, emphasis, links and images, list markers and code fences reduced to their text. */
export function stripMarkdown(md: string): string {
  // [ \t], not \s: a pattern must never eat the line break that separates paragraphs.
  return md
    .replace(/^```.*$/gmu, "")
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gmu, "$1")
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/gu, "$1")
    .replace(/(\*\*|__)(.+?)\1/gu, "$2")
    .replace(/(^|[^*])\*([^*\n]+)\*/gu, "$1$2")
    .replace(/^[ \t]{0,3}>[ \t]?/gmu, "")
    .replace(/^[ \t]*[-*+][ \t]+/gmu, "")
    .replace(/`([^`]+)`/gu, "$1");
}

function formatOf(file: string, text: string): InputFormat {
  if (/\.x?html?$/iu.test(file) || /^\s*(<!doctype html|<html\b)/iu.test(text)) return "html";
  if (/\.(md|markdown)$/iu.test(file)) return "markdown";
  return "text";
}

/**
 * Bytes of one file → an article input. `encoding` forces one; by default UTF-8, and bytes that are not
 * UTF-8 but decode as GB18030 (GBK is a subset) are read as that.
 */
export function articleFromBytes(
  file: string,
  bytes: Uint8Array,
  options: { encoding?: InputEncoding; maxBytes?: number } = {},
): ArticleInput {
  const max = options.maxBytes ?? MAX_ARTICLE_BYTES;
  if (bytes.length === 0) throw new ExtractInputError(file, "the file is empty: there is no article to read");
  if (bytes.length > max)
    throw new ExtractInputError(
      file,
      `is ${bytes.length} bytes, over the ${max}-byte limit for one article file: split it into smaller files`,
    );
  let encoding: string = options.encoding ?? "utf-8";
  let decoded = decodeInput(file, bytes, options.encoding);
  if (decoded.problem && !options.encoding && /GB18030\/GBK/u.test(decoded.problem.message)) {
    decoded = decodeInput(file, bytes, "gb18030");
    encoding = "gb18030";
  }
  if (decoded.problem) {
    const message = decoded.problem.message
      .replace(/not a data set \(JSON or CSV text\)/u, "not an article (text, Markdown or HTML)")
      .replace(/ and ingest that/u, "");
    throw new ExtractInputError(file, message.replace(/^is /u, "is "));
  }
  const raw = decoded.text!;
  // eslint-disable-next-line no-control-regex -- control characters mark a binary file
  const control = raw.match(/[\u0000-\u0008\u000e-\u001f]/gu)?.length ?? 0;
  if (control > 0 && control > raw.length / 100)
    throw new ExtractInputError(
      file,
      "holds control characters: this looks like a binary file, not an article",
    );
  const format = formatOf(file, raw);
  const text = (format === "html" ? stripHtml(raw) : format === "markdown" ? stripMarkdown(raw) : raw)
    .replace(/\r\n?/gu, "\n")
    .replaceAll("\f", "\n\n---\n\n");
  if (text.trim() === "")
    throw new ExtractInputError(
      file,
      format === "text"
        ? "holds only white space: there is no article to read"
        : `holds no text once its ${format === "html" ? "HTML" : "Markdown"} markup is removed`,
    );
  if (!/[\p{L}\p{N}]/u.test(text))
    throw new ExtractInputError(file, "holds no letters or characters: there is no article to read");
  return { file, text, format, encoding };
}
