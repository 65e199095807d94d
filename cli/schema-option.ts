/** `--schema FILE`, shared by the commands that read the active schema; GUANXI_SCHEMA when it is not given. */
export const SCHEMA_OPTION = [
  "--schema <file>",
  "schema file (default: GUANXI_SCHEMA, else a data set's own schema, else the built-in news schema)",
] as const;

export function schemaFile(
  opts: { schema?: string },
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return opts.schema ?? (env.GUANXI_SCHEMA || undefined);
}
