#!/usr/bin/env node
// The `guanxi` command. Sources are TypeScript; tsx compiles them on the fly so a fresh clone
// needs no build step before `npx guanxi …` works.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
