import axe from "axe-core";
import type { Page } from "@playwright/test";

type Axe = typeof axe;

/**
 * axe (WCAG 2.1 A and AA) on the page as it is now, as "rule: targets" lines. axe's source goes into the page once
 * per document, through the debugging protocol as the page's own CSP requires, and is run as often as the page
 * changes (size, theme): injecting it before every scan was two thirds of a scan's time.
 */
export async function axeViolations(page: Page, tags: readonly string[]): Promise<string[]> {
  const present = await page.evaluate(() => "axe" in window);
  if (!present) await page.evaluate(axe.source);
  const { violations } = await page.evaluate(
    (values) =>
      (window as unknown as { axe: Axe }).axe.run(document, {
        runOnly: { type: "tag", values },
        resultTypes: ["violations"],
      }),
    [...tags],
  );
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
