import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

/** Import walls (bulletproof-react's zones, with ESLint's own rule): a wall per folder, by import path. */
const walls = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });
const NO_SHELL = {
  regex: "^(\\.\\./)+(app|shell)/|(^|/)main\\.ts$",
  message: "The shell (web/src/app, web/src/shell, main.ts) composes features; nothing below it imports it.",
};
const NO_WEB = {
  regex: "(^|/)web/",
  message:
    "Shared code does not import the explorer: move what both need to core/ (e.g. core/appearance.ts).",
};

const NODE_ONLY = [
  {
    regex: "^node:|^(fs|path|os|url|child_process|worker_threads|net|crypto)$|^neo4j-driver$",
    message: "Browser-safe code does not use Node built-ins or the driver: that belongs in core/node/.",
  },
  {
    regex: "(^|/)(core/)?node/|(^|/)db/client/",
    message: "core/node/ and db/client/ are Node-only (driver door, Cypher files, connection, launcher).",
  },
];

export default tseslint.config(
  { ignores: ["node_modules", "dist", "db/target", ".guanxi", "tests/artifacts", "coverage"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  // export/ and core/ are used by the CLI and the server as well as the browser: they never import web/.
  { files: ["export/**/*.ts", "core/node/**/*.ts", "db/**/*.ts"], rules: walls(NO_WEB) },
  // core/ outside core/node/ is the browser-safe half (model, API types, schema, appearance): no Node
  // built-ins, no driver, no Node-only modules. The explorer imports only this half.
  { files: ["core/**/*.ts"], ignores: ["core/node/**"], rules: walls(NO_WEB, ...NODE_ONLY) },
  { files: ["web/**/*.ts"], rules: walls(...NODE_ONLY) },
  // A feature imports its own folder, the graph view every feature draws on, the screen store, lib/,
  // api/ and core/ — never another feature (the shell wires them) and never the shell.
  {
    files: ["web/src/features/**/*.ts"],
    rules: walls(NO_SHELL, ...NODE_ONLY, {
      regex: "^\\.\\./(?!graph-view/)[\\w-]+/",
      message: "Features do not import other features: the shell (web/src/app) composes them.",
    }),
  },
  {
    files: ["web/src/features/graph-view/**/*.ts"],
    rules: walls(NO_SHELL, ...NODE_ONLY, {
      regex: "^\\.\\./[\\w-]+/",
      message: "The graph view is what features build on: it imports no feature.",
    }),
  },
  // lib/ and the screen store sit below the features (the store may read their pure state types).
  {
    files: ["web/src/lib/**/*.ts", "web/src/screen/**/*.ts"],
    rules: walls(NO_SHELL, ...NODE_ONLY, {
      regex: "^\\.\\./features/(?!graph-view/)[\\w-]+/(?!state\\.ts$|types\\.ts$)",
      message: "lib/ and screen/ build on the graph view and read other features' pure state and types only.",
    }),
  },
);
