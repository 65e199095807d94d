// Empties dist/lib/ before `tsc -p tsconfig.build.json`, so files of deleted sources never ship.
import { rmSync } from "node:fs";

rmSync(new URL("../dist/lib", import.meta.url), { recursive: true, force: true });
