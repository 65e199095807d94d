/**
 * Progress for long ingests: a redrawn bar on a terminal, plain lines (every 10 %) otherwise, so
 * logs and CI output stay readable.
 */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;

export function createProgress(
  total: number,
  what: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const started = Date.now();
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let lastDraw = 0;

  const line = (done: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = Math.round(done / seconds).toLocaleString("en");
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    return {
      pct,
      text: `${done.toLocaleString("en")}/${total.toLocaleString("en")} ${what} (${pct}%, ${rate}/s)`,
    };
  };

  return {
    update(done) {
      const { pct, text } = line(done);
      if (tty) {
        if (Date.now() - lastDraw < 100 && done < total) return;
        lastDraw = Date.now();
        const filled = Math.round((pct / 100) * WIDTH);
        stream.write(`\r[${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${text}\x1b[K`);
      } else {
        const decile = Math.floor(pct / 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          stream.write(`${text}\n`);
        }
      }
    },
    finish() {
      if (tty) stream.write("\n");
    },
  };
}
