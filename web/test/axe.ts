import axe from 'axe-core';

/**
 * axe-core's WCAG 2.1 A/AA rules on the rendered document, one readable line per violation (the same
 * rule set as the Playwright journeys, e2e/support.ts). happy-dom does no layout, so the rules that
 * need it (colour contrast) are left to the browser sweep.
 */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}
