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
 * Fails the test if axe finds any violation on the page as it is now. `state` names the page state in the
 * failure message ("associate, error, 360 px").
 */
export async function expectNoAxeViolations(page: Page, state: string = page.url()) {
  const violations = await axeViolations(page);
  const report = violations.map((v) => `${v.impact} ${v.rule}: ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n  ");
  expect(violations, `axe violations on ${state}:\n  ${report}`).toEqual([]);
}
