/**
 * Analyst tokens for a team server (`guanxi token create NAME`): shown once, stored only as a salted
 * scrypt hash in `<home>/tokens.json` (mode 0600), revocable by name. A token names its analyst in the
 * audit log and carries the per-analyst limits.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface StoredToken {
  name: string;
  /** `scrypt$<salt>$<hash>`, both base64url. */
  hash: string;
  created: string;
}

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenError";
  }
}

const PREFIX = "gx_";
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

function hashToken(token: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(token, salt, 32);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

function matches(token: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = scryptSync(token, Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(actual, expected);
}

export function tokensFile(home: string): string {
  return join(home, "tokens.json");
}

export class TokenStore {
  constructor(readonly file: string) {}

  list(): StoredToken[] {
    if (!existsSync(this.file)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, "utf8"));
    } catch (error) {
      throw new TokenError(`${this.file} is not valid JSON (${(error as Error).message}): fix or remove it.`);
    }
    if (!Array.isArray(parsed)) throw new TokenError(`${this.file} must hold a list of tokens.`);
    return parsed as StoredToken[];
  }

  /** A new token for `name`; the only time the token itself is seen. */
  create(name: string): string {
    if (!NAME.test(name))
      throw new TokenError(
        `"${name}" is not a usable analyst name: letters, digits, . _ @ - (up to 64), starting with a letter or digit.`,
      );
    const tokens = this.list();
    if (tokens.some((t) => t.name === name))
      throw new TokenError(
        `There is already a token for "${name}": revoke it first (guanxi token revoke ${name}).`,
      );
    const token = PREFIX + randomBytes(32).toString("base64url");
    tokens.push({ name, hash: hashToken(token), created: new Date().toISOString() });
    this.save(tokens);
    return token;
  }

  revoke(name: string): void {
    const tokens = this.list();
    if (!tokens.some((t) => t.name === name)) throw new TokenError(`No token for "${name}".`);
    this.save(tokens.filter((t) => t.name !== name));
  }

  /** The analyst a token belongs to, or undefined. Read from the file each time: revocation is immediate. */
  verify(token: string): string | undefined {
    if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
    return this.list().find((t) => matches(token, t.hash))?.name;
  }

  has(name: string): boolean {
    return this.list().some((t) => t.name === name);
  }

  private save(tokens: StoredToken[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(tokens, null, 2) + "\n", { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }
}
