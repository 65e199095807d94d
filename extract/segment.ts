/** Chinese words with part-of-speech tags (@node-rs/jieba, its bundled dictionary) and their offsets. */
import { createRequire } from "node:module";

export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

interface JiebaLike {
  tag(text: string, hmm?: boolean): { word: string; tag: string }[];
}

let jieba: JiebaLike | undefined;

function tagger(): JiebaLike {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require("@node-rs/jieba") as { Jieba: { withDict(dict: Uint8Array): JiebaLike } };
    const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

/** Tokens of `text` with offsets into it (one token per character where the tagger's words do not add up). */
export function tokenize(text: string): Token[] {
  const tagged = tagger().tag(text, true);
  const out: Token[] = [];
  let at = 0;
  for (const { word, tag } of tagged) {
    if (text.startsWith(word, at)) {
      out.push({ word, tag, start: at, end: at + word.length });
      at += word.length;
    } else {
      const found = text.indexOf(word, at);
      if (found < 0) continue;
      for (let i = at; i < found; i++) out.push({ word: text[i]!, tag: "x", start: i, end: i + 1 });
      out.push({ word, tag, start: found, end: found + word.length });
      at = found + word.length;
    }
  }
  for (let i = at; i < text.length; i++) out.push({ word: text[i]!, tag: "x", start: i, end: i + 1 });
  return out;
}
