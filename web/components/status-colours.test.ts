import { getContrastColor, mergeMantineTheme, DEFAULT_THEME, parseThemeColor } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { quotaStatuses } from '../../shared/quota-taxonomies.ts';
import { theme as setaraTheme } from '../app/theme.ts';
import { contrast } from '../test/contrast.ts';
import { statusColour } from './quota-panel.tsx';

const theme = mergeMantineTheme(DEFAULT_THEME, setaraTheme);

const hexOf = (color: string): string => parseThemeColor({ color, theme }).value;

/**
 * A quota status is always shown as a filled badge (panel headers and table cells alike), so its colour
 * must keep WCAG AA contrast (4.5:1) with the text colour Mantine's autoContrast picks for it.
 */
describe('quota status colours', () => {
  it.each(quotaStatuses)('%s keeps 4.5:1 as a filled badge with the text autoContrast picks', (status) => {
    const background = hexOf(statusColour[status]);
    const text = getContrastColor({ color: statusColour[status], theme, autoContrast: true }).includes(
      'white',
    )
      ? theme.white
      : theme.black;
    expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
  });

  it('the WCAG formula gives the known ratios', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    // green-9 with white, the colour the sweep caught on the credentials page.
    expect(contrast('#2b8a3e', '#ffffff')).toBeLessThan(4.5);
  });
});
