/** `guanxi token create|list|revoke`: the analysts of a team server (`guanxi serve --auth tokens`). */
import type { Command } from "commander";
import { guanxiHome } from "../core/node/install-paths.ts";
import { TokenStore, tokensFile } from "../server/team/tokens.ts";

function store(): TokenStore {
  return new TokenStore(tokensFile(guanxiHome()));
}

export function registerTokenCommand(program: Command): void {
  const token = program
    .command("token")
    .description("analyst tokens for a team server (guanxi serve --auth tokens)");
  token
    .command("create")
    .description("create a token for an analyst and print it (once: only its hash is kept)")
    .argument("<name>", "the analyst's name, as the audit log will show it")
    .action((name: string) => {
      const tokens = store();
      const value = tokens.create(name);
      process.stderr.write(`Token for "${name}" (shown once; kept hashed in ${tokens.file}):\n`);
      process.stdout.write(`${value}\n`);
    });
  token
    .command("list")
    .description("list the analysts who have a token")
    .action(() => {
      const all = store().list();
      if (all.length === 0) process.stderr.write("No tokens yet: guanxi token create NAME\n");
      for (const t of all) process.stdout.write(`${t.name}\t${t.created}\n`);
    });
  token
    .command("revoke")
    .description("revoke an analyst's token; their sessions end at once")
    .argument("<name>", "the analyst's name")
    .action((name: string) => {
      store().revoke(name);
      process.stderr.write(`Revoked the token of "${name}".\n`);
    });
}
