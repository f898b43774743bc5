// Accessibility check of the page as it is now: axe-core's WCAG 2.1 A/AA rules (and best practices), failing the
// test on any violation with a readable list of what and where.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

export type AxeViolationSummary = { rule: string; impact: string; help: string; targets: string[] };

/** Runs axe on `page` and returns the violations, summarised (empty when there are none). */
export async function axeViolations(page: Page): Promise<AxeViolationSummary[]> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? "unknown",
    help: violation.help,
    targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
  }));
}

/**
 * Fails the test if axe finds any violation on the page as it is now, or a form that would send its fields in its
 * address. `state` names the page state in the
 * failure message ("associate, error, 360 px").
 */
export async function expectNoAxeViolations(page: Page, state: string = page.url()) {
  const violations = [...(await axeViolations(page)), ...(await formsSendingFieldsInTheAddress(page))];
  const report = violations.map((v) => `${v.impact} ${v.rule}: ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n  ");
  expect(violations, `axe violations on ${state}:\n  ${report}`).toEqual([]);
}

/**
 * Forms that a submit before the page's script has loaded would send by GET to their own address, the typed fields
 * (names, birth dates, passwords) in the URL: every form its script handles must say method="post". Deliberate
 * GET forms (search and filters) name their action and hold no password.
 */
export async function formsSendingFieldsInTheAddress(page: Page): Promise<AxeViolationSummary[]> {
  const forms = await page.evaluate(() =>
    Array.from(document.forms)
      .filter((form) => (form.getAttribute("method") ?? "get").toLowerCase() !== "post")
      .filter((form) => !form.hasAttribute("action") || form.querySelector('input[type="password"]') !== null)
      .map((form) => form.outerHTML.slice(0, 120)),
  );
  if (forms.length === 0) return [];
  return [{ rule: "form-method-post", impact: "serious", help: "a form handled by script must post", targets: forms }];
}
