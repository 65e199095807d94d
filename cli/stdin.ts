/** `-` as a file name: standard input, read whole and decoded strictly as UTF-8 (as files are). */
import { InputError } from "../core/errors.ts";
import { decodeInput } from "../ingest/decode.ts";

export const STDIN_NAME = "<stdin>";

export async function readStdinBytes(what: string): Promise<Uint8Array> {
  if (process.stdin.isTTY)
    throw new InputError([
      {
        file: STDIN_NAME,
        message: `${what} was asked for on standard input, but it is a terminal: pipe it in`,
      },
    ]);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readStdin(what: string): Promise<string> {
  const { text, problem } = decodeInput(STDIN_NAME, await readStdinBytes(what));
  if (problem) throw new InputError([problem]);
  if (!text?.trim()) throw new InputError([{ file: STDIN_NAME, message: `is empty: expected ${what}` }]);
  return text;
}
