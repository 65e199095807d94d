#!/usr/bin/env node
// The `guanxi` command. In a clone the sources are TypeScript and tsx compiles them on the fly, so a
// fresh clone needs no build step before `npx guanxi …` works; an installed package runs the compiled
// JavaScript (dist/lib/, built by `npm run build` before packing) with no compiler on the path.
import { existsSync } from "node:fs";

const sources = new URL("../cli/main.ts", import.meta.url);
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(sources.href);
} else {
  await import(new URL("../dist/lib/cli/main.js", import.meta.url).href);
}
