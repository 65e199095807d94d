import { defineConfig } from "vite";

const apiPort = process.env.GUANXI_API_PORT ?? "4173";

// The explorer's front end lives in web/; the API (server/) is proxied in development.
export default defineConfig({
  root: "web",
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
  preview: {
    host: "127.0.0.1",
    proxy: { "/api": { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false } },
  },
  // ForceAtlas2's supervisor spawns its worker itself; any worker we bundle is an ES module.
  worker: { format: "es" },
  // The Cypher editor's chunk (Neo4j's ANTLR grammar, ~1.2 MB) loads only when the query panel opens.
  build: { outDir: "../dist/web", emptyOutDir: true, chunkSizeWarningLimit: 1_300 },
});
