import { createTheme, Menu, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's default shades are too light for WCAG AA text contrast (blue-6 on white is 3.6:1), so
 * filled colours use shade 9 and the grey "dimmed" text is one step darker. Success uses teal, which
 * stays above 4.5:1 where green does not.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 4 },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    // The placeholder is a focusable role="presentation" div inside role="menu", which axe rejects
    // (aria-required-children); without it the first menu item receives focus instead.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});

/**
 * "Light" variants (badges, alerts, active navigation) put shade-9 text on a tinted background; the
 * default tints (shade 1, shade 2 on hover) leave too little contrast, so use shades 0 and 1.
 */
export const lightVariantColours = ['blue', 'gray', 'red', 'teal', 'grape'] as const;
const lightVariantVariables = Object.fromEntries(
  lightVariantColours.flatMap((colour) => [
    [`--mantine-color-${colour}-light`, `var(--mantine-color-${colour}-0)`],
    [`--mantine-color-${colour}-light-hover`, `var(--mantine-color-${colour}-1)`],
  ]),
);

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    ...lightVariantVariables,
    // Yellow and orange stay light for warnings, but their own shade 9 on their tint is under 3:1
    // (yellow-9 on yellow-1 is 2.68:1), so light-variant text on them is a dark brown (≈ 7:1).
    '--mantine-color-yellow-light-color': '#6b4a00',
    '--mantine-color-orange-light-color': '#8a3200',
  },
  dark: {},
});
