import { defineConfig } from "vite";

// The explorer's front end lives in web/; the API (server/) is proxied in development.
export default defineConfig({
  root: "web",
  server: { host: "127.0.0.1" },
  build: { outDir: "../dist/web", emptyOutDir: true },
});
