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
  if (bytes.subarray(0, Math.min(bytes.length, 8192)).includes(0) && encoding === "utf-8") {
    return {
      problem: {
        file,
        line: lineOfByte(bytes, bytes.indexOf(0)),
        message: "holds NUL bytes: this looks like a binary file, not a data set (JSON or CSV text)",
      },
    };
  }
  if (encoding !== "utf-8") {
    const text = decodes(bytes, encoding === "latin1" ? "windows-1252" : encoding);
    if (text === undefined)
      return { problem: { file, message: `is not valid ${encoding} text: check the encoding (--encoding)` } };
    return { text: text.replace(/^\uFEFF/, "") };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return { text: new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "") };
  const guess =
    decodes(bytes, "gb18030") !== undefined && /[\u4e00-\u9fff]/u.test(decodes(bytes, "gb18030")!)
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
