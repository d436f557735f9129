import { getContrastColor, mergeMantineTheme, DEFAULT_THEME, parseThemeColor } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { quotaStatuses } from '../../../../shared/quota-taxonomies.ts';
import { theme as setaraTheme } from '../../../app/theme.ts';
import { statusColour } from './quota-panel.tsx';

const theme = mergeMantineTheme(DEFAULT_THEME, setaraTheme);

/** WCAG 2.1 relative luminance of a #rgb or #rrggbb colour. */
function luminance(color: string): number {
  const hex = color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join('')}` : color;
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

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
