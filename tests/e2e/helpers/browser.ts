// Debian's Chromium driven by playwright-core: one browser per test file, one fresh context per page.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject, onTestFailed, onTestFinished } from "vitest";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses.
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const resultsDir = path.resolve(import.meta.dirname, "..", "..", "..", "test-results");

/**
 * Waits until React has hydrated the element `selector` names (its handlers attached). Before that, a client-side
 * form's submit posts the page itself (the page comes back with empty fields) and a link loads a new document.
 */
export async function waitForHydration(page: Page, selector = "main form") {
  await page.waitForFunction((target) => {
    const element = document.querySelector(target);
    return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps"));
  }, selector);
}

export const phoneViewport = { width: 360, height: 740 };

/** The running e2e server, started by the global setup. */
export function e2eBaseURL(): string {
  return inject("e2eBaseURL");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

let sharedBrowser: Promise<Browser> | undefined;

/** The browser shared by this test file's pages, launched on first use. */
export function browser(): Promise<Browser> {
  sharedBrowser ??= launchBrowser();
  return sharedBrowser;
}

/** Violations seen by pages opened outside a test (in a beforeAll): reported when the file closes its browser. */
const violationsOutsideTests: string[][] = [];

function failOnViolations(violations: string[]) {
  if (violations.length > 0) {
    throw new Error(`Content-Security-Policy violations:\n${violations.map((v) => `  - ${v}`).join("\n")}`);
  }
}

/** Closes the shared browser; call it in afterAll. Fails the file if a page opened outside a test broke the CSP. */
export async function closeBrowser() {
  const pending = sharedBrowser;
  sharedBrowser = undefined;
  if (pending) await (await pending).close();
  const outside = violationsOutsideTests.splice(0).flat();
  failOnViolations(outside);
}

export type NewPageOptions = {
  /** 360×740 touch screen instead of a 1280×800 desktop. */
  phone?: boolean;
  /** Accept-Language of the browser; the app's default (French) unless told. */
  locale?: string;
};

/**
 * A page in a fresh context (own cookies) whose relative URLs resolve against baseURL. Every page of the context
 * reports Content-Security-Policy violations, and the test fails if any happened (the app's pages run with the
 * production policy, so a script or style it blocks is a broken page).
 */
export async function newPage(baseURL: string = e2eBaseURL(), options: NewPageOptions = {}): Promise<Page> {
  const context = await (await browser()).newContext({
    baseURL,
    locale: options.locale ?? "fr-FR",
    viewport: options.phone ? phoneViewport : { width: 1280, height: 800 },
    isMobile: options.phone ?? false,
    hasTouch: options.phone ?? false,
  });
  const violations = await reportCspViolations(context);
  try {
    onTestFinished(() => failOnViolations(violations));
  } catch {
    // Opened by a hook rather than a test: vitest has no test to attach the check to.
    violationsOutsideTests.push(violations);
  }
  return context.newPage();
}

/** Collects the `securitypolicyviolation` events of every page of the context, as they happen. */
export async function reportCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("__reportCspViolation", ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile ?? ""}:${event.lineNumber})`);
    });
  });
  return violations;
}

const codePattern = /\b(\d{3})\s?(\d{3})\b/;

export type ReadCodeOptions = {
  /** Wait for a code other than this one (e.g. after asking for a new code). */
  differentFrom?: string;
  timeoutMs?: number;
};

/**
 * The 6-digit code of the newest email sent to `email`, read from /dev/mailbox in a second tab of the
 * same context, so the page under test stays where it is. Waits for the email to arrive.
 */
export async function readLatestCode(page: Page, email: string, options: ReadCodeOptions = {}): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const mailbox = await page.context().newPage();
  try {
    let lastSeen = "no email";
    while (Date.now() < deadline) {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
      const code = await newestCode(mailbox);
      if (code && code !== options.differentFrom) return code;
      lastSeen = code ? `only the old code ${code}` : "no email with a code";
      await mailbox.waitForTimeout(300);
    }
    throw new Error(`no new code in /dev/mailbox for ${email} (${lastSeen})`);
  } finally {
    await mailbox.close();
  }
}

/** The mailbox lists the newest message first; its body (mail-text) holds the code. */
async function newestCode(mailbox: Page): Promise<string | undefined> {
  const newest = mailbox.locator('article[data-testid="mail"]').first();
  if ((await newest.count()) === 0) return undefined;
  const body = newest.locator('[data-testid="mail-text"]');
  const text = (await body.count()) > 0 ? await body.textContent() : await newest.textContent();
  const match = codePattern.exec(text ?? "");
  return match ? match[1] + match[2] : undefined;
}

/**
 * Saves a full-page screenshot to test-results/ if the current test fails.
 * Call it inside the test (or its beforeEach) once the page exists.
 */
export function screenshotOnFailure(page: Page) {
  onTestFailed(async ({ task }) => {
    mkdirSync(resultsDir, { recursive: true });
    const name = `${path.basename(task.file.name, ".test.ts")}--${task.name}`.replace(/[^\w.-]+/g, "-").slice(0, 150);
    const file = path.join(resultsDir, `${name}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true });
      console.error(`[e2e] screenshot of the failed test: ${path.relative(process.cwd(), file)}`);
    } catch (error) {
      console.error(`[e2e] no screenshot for the failed test: ${String(error)}`);
    }
  });
}
