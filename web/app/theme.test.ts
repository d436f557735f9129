import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast } from '../test/contrast.ts';
import { cssVariablesResolver, theme as setaraTheme } from './theme.ts';

const theme = mergeMantineTheme(DEFAULT_THEME, setaraTheme);
const light = cssVariablesResolver(theme).light;

describe('light-variant warning colours (alerts, badges)', () => {
  it.each(['yellow', 'orange'] as const)('%s text keeps 4.5:1 on its tints (shades 0 to 2)', (colour) => {
    const text = light[`--mantine-color-${colour}-light-color`];
    expect(text, `a light-variant text colour for ${colour}`).toMatch(/^#[0-9a-f]{6}$/i);
    for (const shade of [0, 1, 2])
      expect(contrast(text ?? '', theme.colors[colour][shade] ?? '')).toBeGreaterThanOrEqual(4.5);
  });
});
