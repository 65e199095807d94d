// A worker thread starts without the module hooks of the thread that made it: register tsx here, then
// load the TypeScript worker (core/node/query-worker.ts), as bin/guanxi.js does for the command line.
import { register } from "tsx/esm/api";

register();
await import("./query-worker.ts");
