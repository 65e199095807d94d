/**
 * Input bytes → text, never with a replacement character for bytes that could not be decoded: UTF-8 is
 * decoded strictly, a byte-order mark dropped; bytes that are not UTF-8 are a problem that names the file,
 * the line and byte, and what they look like (GB18030/GBK, Latin-1, binary) with the option that reads them.
 */
import type { InputProblem } from "../core/errors.ts";

/** Encodings `--encoding` takes (WHATWG names, decoded by Node's TextDecoder). */
export const INPUT_ENCODINGS = ["utf-8", "gb18030", "gbk", "big5", "shift_jis", "euc-kr", "latin1"] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Index of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * GBK writes every Chinese character as two bytes of 0x81 and above, so its non-ASCII bytes come in runs
 * of two or more; Latin-1 text has single accented letters between ASCII ones ("Uni\xf3n"). GB18030 decodes
 * almost any bytes, so decoding alone cannot tell them apart.
 */
function looksLikeGbk(bytes: Uint8Array): boolean {
  const text = decodes(bytes, "gb18030");
  if (text === undefined || !/[\u4e00-\u9fff]/u.test(text)) return false;
  let single = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length;) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    let run = 0;
    while (i < bytes.length && bytes[i]! >= 0x80) {
      run++;
      i++;
    }
    if (run === 1) single++;
    else paired++;
  }
  return paired > single;
}

/**
 * NUL bytes: a UTF-16 file (Excel's "Unicode Text" saves one) or a binary file, each with what to do;
 * undefined when there are none, or only a few in UTF-8 text (the readers and validation name their field).
 */
function nulProblem(file: string, bytes: Uint8Array): InputProblem | undefined {
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const first = bytes.indexOf(0);
  if (first === -1 && !bom16) return undefined;
  // UTF-16 puts a NUL beside every ASCII character: on one side (odd or even offsets) only.
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) oddNuls++;
    else evenNuls++;
  }
  const oneSided = Math.min(oddNuls, evenNuls) < Math.max(oddNuls, evenNuls) / 10;
  if (bom16 || (Math.max(oddNuls, evenNuls) > head.length / 4 && oneSided))
    return {
      file,
      line: 1,
      message:
        'is UTF-16 text (as Excel\'s "Unicode Text" saves it), not UTF-8: save it as UTF-8 ("CSV UTF-8") and ingest that',
    };
  // A few NULs in UTF-8 text: read on, and the reader or validation names the record and field.
  let count = 0;
  for (let i = 0; i < bytes.length && count <= 16; i++) if (bytes[i] === 0) count++;
  if (count <= 16 && firstInvalidUtf8(bytes) === -1) return undefined;
  return {
    file,
    line: lineOfByte(bytes, first),
    message: "holds NUL bytes: this looks like a binary file, not a data set (JSON or CSV text)",
  };
}

function decodes(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeInput(
  file: string,
  bytes: Uint8Array,
  encoding: InputEncoding = "utf-8",
): { text?: string; problem?: InputProblem } {
  if (bytes.length === 0) return { text: "" };
  if (encoding === "utf-8") {
    const nul = nulProblem(file, bytes);
    if (nul) return { problem: nul };
  }
  if (encoding !== "utf-8") {
    const text = decodes(bytes, encoding === "latin1" ? "windows-1252" : encoding);
    if (text === undefined)
      return { problem: { file, message: `is not valid ${encoding} text: check the encoding (--encoding)` } };
    return { text: text.replace(/^\uFEFF/, "") };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return { text: new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "") };
  const guess = looksLikeGbk(bytes)
    ? "it looks like GB18030/GBK Chinese text: convert it to UTF-8, or pass --encoding gb18030"
    : "it may be Latin-1 or another legacy encoding: convert it to UTF-8, or pass --encoding latin1";
  return {
    problem: {
      file,
      line: lineOfByte(bytes, bad),
      message: `is not UTF-8: byte ${bad + 1} (0x${bytes[bad]!.toString(16).padStart(2, "0")}) cannot be decoded — ${guess}. Nothing was read from it.`,
    },
  };
}
