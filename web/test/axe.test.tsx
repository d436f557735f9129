// @vitest-environment happy-dom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';

describe('axe in happy-dom', () => {
  it('does find a violation (a nameless button), so an empty list means something', async () => {
    render(<button type="button" />);
    expect((await axeViolations()).join('\n')).toContain('button-name');
  });
});
