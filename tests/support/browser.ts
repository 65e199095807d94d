/**
 * Real headless Chromium (Debian's `chromium`, driven by playwright-core) for end-to-end tests.
 * WebGL runs through SwiftShader, hence --enable-unsafe-swiftshader; the other flags keep Chromium
 * off the network this machine does not have. Screenshots go to tests/artifacts/ (git-ignored).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { REPO_ROOT } from "./database.ts";

export const CHROMIUM = process.env.GUANXI_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = join(REPO_ROOT, "tests", "artifacts");

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium fonts-noto-cjk).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--enable-unsafe-swiftshader",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/** A page that fails the test on any uncaught error or console error of the app. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
