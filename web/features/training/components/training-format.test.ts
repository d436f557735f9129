import { DEFAULT_THEME, getContrastColor, mergeMantineTheme, parseThemeColor } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { attendanceStatuses, participantStatuses } from '../../../../shared/training-taxonomies.ts';
import { lightVariantColours, theme as setaraTheme } from '../../../app/theme.ts';
import { contrast } from '../../../test/contrast.ts';
import { attendanceStatusColour, participantStatusColour } from './training-format.ts';

const theme = mergeMantineTheme(DEFAULT_THEME, setaraTheme);

/** The sweep caught a green light badge (3.8:1) and white on yellow-9 (2.99:1) on the training pages. */
describe('training status colours', () => {
  it.each(participantStatuses)('the %s badge uses a colour with an AA light variant', (status) => {
    expect([...lightVariantColours, 'yellow', 'orange']).toContain(participantStatusColour[status]);
  });

  it.each(attendanceStatuses)(
    'a pressed %s button keeps 4.5:1 with the text autoContrast picks',
    (status) => {
      const colour = attendanceStatusColour[status];
      const background = parseThemeColor({ color: colour, theme }).value;
      const text = getContrastColor({ color: colour, theme, autoContrast: true }).includes('white')
        ? theme.white
        : theme.black;
      expect(contrast(background, text)).toBeGreaterThanOrEqual(4.5);
    },
  );
});
