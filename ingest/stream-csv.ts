/**
 * Reads a CSV file as a stream: bytes are decoded strictly (a `fatal` stream decoder, which carries a
 * character split between chunks over to the next), parsed by csv-parse's streaming API and turned into
 * records one row at a time, so neither the file's text nor its rows are ever held whole. On anything
 * the strict whole-file path words better — bytes that do not decode, NUL bytes, malformed CSV — it
 * returns undefined and the caller reads the file whole, so every problem is reported exactly as before.
 */
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import type { InputEncoding } from "./decode.ts";
import type { RawRecord, ReadResult } from "./raw-record.ts";
import { CsvRecordBuilder, csvParseOptions, type CsvOptions, type CsvRow } from "./read-csv.ts";

/** Read size: large enough that per-chunk costs vanish, small enough to stay far below the goal. */
const CHUNK_BYTES = 1 << 20;

class Fallback extends Error {}

function strictDecoder(encoding: InputEncoding): Transform {
  const decoder = new TextDecoder(encoding === "latin1" ? "windows-1252" : encoding, { fatal: true });
  let first = true;
  const push = (stream: Transform, text: string) => {
    if (first && text !== "") {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    if (text !== "") stream.push(text);
  };
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, done) {
      // NUL bytes: the whole-file decoder tells UTF-16, binary files and a few stray NULs apart.
      if (encoding === "utf-8" && chunk.includes(0)) return done(new Fallback("NUL"));
      try {
        push(this, decoder.decode(chunk, { stream: true }));
        done();
      } catch {
        done(new Fallback("undecodable"));
      }
    },
    flush(done) {
      try {
        push(this, decoder.decode());
        done();
      } catch {
        done(new Fallback("undecodable"));
      }
    },
  });
}

/**
 * Streams `path` through the CSV reader, handing each record to `emit` as it is read. Undefined: the
 * file must be read whole to word its problem (see the module comment); nothing it emitted counts then.
 */
export async function streamCsvFile(
  path: string,
  file: string,
  options: CsvOptions & { encoding?: InputEncoding },
  emit: (record: RawRecord) => void,
): Promise<Pick<ReadResult, "problems"> | undefined> {
  const builder = new CsvRecordBuilder(file, options, emit);
  let stopped = false;
  const sink = async (rows: AsyncIterable<CsvRow>) => {
    for await (const row of rows) {
      if (stopped) continue; // the header was wrong: drain without reading on
      if (!builder.add(row)) stopped = true;
    }
  };
  try {
    await pipeline(
      createReadStream(path, { highWaterMark: CHUNK_BYTES }),
      strictDecoder(options.encoding ?? "utf-8"),
      parse(csvParseOptions(options)),
      sink,
    );
  } catch (error) {
    // Undecodable bytes, NULs, malformed CSV: the whole-file reader names the line and what to do.
    if (error instanceof Fallback || (error as { code?: string }).code?.startsWith("CSV_")) return undefined;
    if ((error as { code?: string }).code === "INVALID_OPENING_QUOTE") return undefined;
    throw error;
  }
  builder.finish();
  return { problems: builder.problems };
}
