import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface ScrollTableProps extends TableProps {
  /** Names the scrollable region for screen readers, usually the table's caption. */
  label: string;
  minWidth?: number;
  children: ReactNode;
}

/**
 * A table that scrolls sideways on a narrow phone. The scroll container is focusable and named so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollTable({ label, minWidth = 640, children, ...tableProps }: ScrollTableProps) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="setara-scroll-region">
      <Table striped highlightOnHover verticalSpacing="sm" miw={minWidth} {...tableProps}>
        {children}
      </Table>
    </div>
  );
}
