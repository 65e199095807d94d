/** `-` as a file name: standard input, read whole and decoded strictly as UTF-8 (as files are). */
import { InputError } from "../core/errors.ts";
import { decodeInput } from "../ingest/decode.ts";
import { STDIN_NAME, readStdinBytes } from "../ingest/ingest.ts";

export { STDIN_NAME };

export async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY)
    throw new InputError([
      {
        file: STDIN_NAME,
        message: `${what} was asked for on standard input, but it is a terminal: pipe it in`,
      },
    ]);
  const { text, problem } = decodeInput(STDIN_NAME, await readStdinBytes());
  if (problem) throw new InputError([problem]);
  if (!text?.trim()) throw new InputError([{ file: STDIN_NAME, message: `is empty: expected ${what}` }]);
  return text;
}
