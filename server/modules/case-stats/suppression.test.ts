import { describe, expect, it } from 'vitest';
import {
  formatCell,
  protectList,
  protectOverlapping,
  protectTable,
  type Cell,
  type ProtectedTable,
} from './suppression.ts';

/** The published table back as an augmented grid (margins last), for the attackers below. */
function grid(table: ProtectedTable): Cell[][] {
  return [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]!]),
    [...table.columnTotals, table.total],
  ];
}

/**
 * The subtraction attack and its repeated forms: each line's published cells and ranges narrow the
 * others ("total minus the rest"), to a fixpoint. Returns the interval the attacker knows for each cell.
 */
function propagate(published: Cell[][]): [number, number][][] {
  const big = 1_000_000;
  const bounds = published.map((row) =>
    row.map((cell): [number, number] =>
      cell.status === 'shown' ? [cell.value!, cell.value!] : cell.status === 'small' ? [0, 4] : [5, big],
    ),
  );
  const rows = bounds.length;
  const columns = bounds[0]!.length;
  const lines: [number, number][][] = [];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: columns }, (_, j) => [i, j]));
  for (let j = 0; j < columns; j++) lines.push(Array.from({ length: rows }, (_, i) => [i, j]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      // Σ inner = margin, the margin being the last cell of the line.
      const inner = line.slice(0, -1);
      const margin = line.at(-1)!;
      const at = ([i, j]: [number, number]) => bounds[i]![j]!;
      const sumLo = inner.reduce((sum, cell) => sum + at(cell)[0], 0);
      const sumHi = inner.reduce((sum, cell) => sum + at(cell)[1], 0);
      const tighten = (cell: [number, number], lo: number, hi: number) => {
        const current = at(cell);
        const next: [number, number] = [Math.max(current[0], lo), Math.min(current[1], hi)];
        if (next[0] !== current[0] || next[1] !== current[1]) {
          bounds[cell[0]]![cell[1]] = next;
          changed = true;
        }
      };
      tighten(margin, sumLo, sumHi);
      for (const cell of inner) {
        const [lo, hi] = at(cell);
        tighten(cell, at(margin)[0] - (sumHi - hi), at(margin)[1] - (sumLo - lo));
      }
    }
  }
  return bounds;
}

/** Exact attacker for 2×2 tables: every inner table consistent with what is published. */
function consistentTables(published: Cell[][], maxValue: number): number[][][] {
  const found: number[][][] = [];
  const fits = (cell: Cell, value: number) =>
    cell.status === 'shown' ? cell.value === value : cell.status === 'small' ? value < 5 : value >= 5;
  for (let a = 0; a <= maxValue; a++)
    for (let b = 0; b <= maxValue; b++)
      for (let c = 0; c <= maxValue; c++)
        for (let d = 0; d <= maxValue; d++) {
          const full = [
            [a, b, a + b],
            [c, d, c + d],
            [a + c, b + d, a + b + c + d],
          ];
          if (full.every((row, i) => row.every((value, j) => fits(published[i]![j]!, value))))
            found.push(full);
        }
  return found;
}

/** A small seeded generator, so failures reproduce. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('protectList (a breakdown with its total)', () => {
  it.each([
    {
      counts: [12, 9, 3],
      hidden: [false, true, true],
      why: 'one small cell: the next smallest hides with it',
    },
    { counts: [12, 9, 3, 2], hidden: [false, false, true, true], why: 'two small cells protect each other' },
    { counts: [20, 30], hidden: [false, false], why: 'nothing small, nothing hidden' },
    { counts: [0, 7, 8], hidden: [true, true, false], why: 'zero is fewer than 5 too' },
  ])('$why: $counts', ({ counts, hidden }) => {
    const result = protectList(counts);
    expect(result.cells.map((cell) => cell.status !== 'shown')).toEqual(hidden);
    expect(result.cells.filter((cell) => cell.status === 'small').map((cell) => cell.value)).toEqual(
      counts.filter((count) => count < 5).map(() => null),
    );
  });

  it('hides a total below 5 (and then every cell of it)', () => {
    const result = protectList([1, 2, 0]);
    expect(result.total.status).toBe('small');
    expect(result.cells.every((cell) => cell.status === 'small')).toBe(true);
  });

  it('the subtraction attack: total minus the shown cells never gives a small cell back', () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const counts = Array.from({ length: 2 + Math.floor(next() * 6) }, () => Math.floor(next() * 14));
      const bounds = propagate(grid(protectTable(counts.map((count) => [count]))));
      counts.forEach((count, i) => {
        if (count < 5) {
          const [lo, hi] = bounds[i]![0]!;
          expect(hi, `counts ${counts.join(',')} cell ${i}`).toBeGreaterThan(lo);
        }
      });
    }
  });
});

describe('protectTable (rows × columns with row, column and grand totals)', () => {
  it('one small cell: row and column totals would reveal it, so a cycle of four cells is hidden', () => {
    const table = protectTable([
      [3, 10, 12],
      [10, 10, 15],
      [20, 25, 30],
    ]);
    expect(formatCell(table.cells[0]![0]!)).toBe('< 5');
    const hidden = table.cells.flatMap((row, i) =>
      row.flatMap((cell, j) => (cell.status === 'shown' ? [] : [`${i},${j}`])),
    );
    // The cheapest cycle through (0,0): the two 10s beside it and the 10 across.
    expect(hidden.sort()).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect(table.rowTotals.every((cell) => cell.status === 'shown')).toBe(true);
    expect(table.total).toEqual({ value: 135, status: 'shown' });
    // Naive suppression would have left 25 − 10 = 15 … here the attacker learns nothing exact.
    const bounds = propagate(grid(table));
    expect(bounds[0]![0]![1]).toBeGreaterThan(bounds[0]![0]![0]);
  });

  it('a complement is marked × (not "< 5"), and its value is withheld', () => {
    const table = protectTable([
      [2, 40],
      [30, 30],
    ]);
    const complements = table.cells.flat().filter((cell) => cell.status === 'complement');
    expect(complements.length).toBeGreaterThan(0);
    for (const cell of complements) {
      expect(cell.value).toBeNull();
      expect(formatCell(cell)).toBe('×');
    }
  });

  it('a small row total is itself hidden and protected', () => {
    const table = protectTable([
      [1, 2],
      [20, 30],
      [25, 35],
    ]);
    expect(table.rowTotals[0]!.status).toBe('small');
    const bounds = propagate(grid(table));
    expect(bounds[0]![2]![1]).toBeGreaterThan(bounds[0]![2]![0]);
  });

  it('an exact attacker finds at least two tables for every small cell (all 2×2 tables with a small cell)', () => {
    const next = random(11);
    for (let round = 0; round < 60; round++) {
      const counts = [
        [Math.floor(next() * 12), Math.floor(next() * 12)],
        [Math.floor(next() * 12), Math.floor(next() * 12)],
      ];
      const published = grid(protectTable(counts));
      const tables = consistentTables(published, 14);
      const truth = [
        [counts[0]![0]!, counts[0]![1]!, counts[0]![0]! + counts[0]![1]!],
        [counts[1]![0]!, counts[1]![1]!, counts[1]![0]! + counts[1]![1]!],
      ];
      expect(tables.length).toBeGreaterThan(0);
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++)
          if (truth[i]![j]! < 5) {
            const values = new Set(tables.map((table) => table[i]![j]!));
            expect(values.size, `table ${JSON.stringify(counts)} cell ${i},${j}`).toBeGreaterThan(1);
          }
    }
  });

  it('random tables up to 6×8: line propagation never pins a small cell', () => {
    const next = random(3);
    for (let round = 0; round < 200; round++) {
      const rows = 1 + Math.floor(next() * 6);
      const columns = 1 + Math.floor(next() * 8);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => Math.floor(next() * (next() < 0.5 ? 6 : 40))),
      );
      const published = grid(protectTable(counts));
      const bounds = propagate(published);
      published.forEach((row, i) =>
        row.forEach((cell, j) => {
          if (cell.status === 'small') {
            const [lo, hi] = bounds[i]![j]!;
            expect(hi, `${JSON.stringify(counts)} at ${i},${j}`).toBeGreaterThan(lo);
          }
          if (cell.status === 'shown') expect(cell.value).toBeGreaterThanOrEqual(5);
        }),
      );
    }
  });

  it('is deterministic and hides nothing when every cell is large', () => {
    const counts = [
      [10, 20],
      [30, 40],
    ];
    expect(protectTable(counts)).toEqual(protectTable(counts));
    expect(
      protectTable(counts)
        .cells.flat()
        .every((cell) => cell.status === 'shown'),
    ).toBe(true);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => protectTable([[1.5]])).toThrow();
    expect(() => protectTable([[-1]])).toThrow();
  });
});

describe('protectOverlapping (cells that overlap, such as forms)', () => {
  it('hides only the small cells', () => {
    expect(protectOverlapping([7, 3, 0]).map(formatCell)).toEqual(['7', '< 5', '< 5']);
  });
});
