/**
 * Small-cell suppression for case statistics (domain/cases.md: any cell below 5 is shown as "< 5").
 *
 * Hiding the small cells alone is not enough: a published row or column total minus the published cells
 * gives the hidden one back. So every small cell also needs *complementary* suppression, and the method
 * here is chosen so that it can be argued, not just hoped:
 *
 * 1. The table is augmented with its margins: an R×C table becomes (R+1)×(C+1), the last row holding the
 *    column totals, the last column the row totals, the corner the grand total. Every cell of it,
 *    margins included, is published, or hidden as `small` (value 0–4, shown "< 5"), or hidden as
 *    `complement` (value ≥ 5, hidden only to protect a small cell). Zero is "fewer than 5" too, so zeros
 *    are shown "< 5": a reader then knows a small cell only as 0–4.
 * 2. What an attacker knows: every published value, every line equation (cells of a line sum to its
 *    margin), and the range of each hidden cell (0–4 for "< 5", ≥ 5 for a complement).
 * 3. A hidden cell is safe when another table exists that agrees with all of that but has a different
 *    value in this cell. Moving +1/−1 alternately around a cycle of hidden cells (row → column → row …)
 *    keeps every line sum; if every cell on the cycle stays inside its known range, that other table
 *    exists. So: a small cell is protected iff it lies on such a cycle.
 * 4. For each small cell without a cycle we find the cheapest one with Dijkstra over all cells (a hidden
 *    cell costs nothing, a published one costs its value, so the least information is hidden) and hide
 *    the published cells on it as complements. Hiding more never breaks a cycle already found, so one
 *    pass over the small cells protects them all. If no cycle exists at all, the whole table is withheld.
 *
 * The margins' signs: writing y = s_i·s_j·x with s = −1 on the margin row/column, every line of the
 * augmented table sums to zero, so a cycle moves y by +1 on row→column steps and −1 on column→row steps,
 * which is x by ±s_i·s_j. `suppression.test.ts` checks the result against an attacker that propagates line
 * equations and ranges to a fixpoint (the subtraction attack and its repeated forms).
 *
 * Tables whose cells overlap (one case has several forms) have no line equation (their sum is not the
 * number of cases) and use `protectOverlapping`, which hides the small cells only.
 */

/** Cells counting fewer than this many cases are shown as "< 5". */
export const SMALL_CELL_LIMIT = 5;

export type CellStatus = 'shown' | 'small' | 'complement';

/** A published cell: `value` is null unless `status` is `shown`. */
export interface Cell {
  value: number | null;
  status: CellStatus;
}

export interface ProtectedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
}

type Status = CellStatus;

const isSmall = (value: number) => value < SMALL_CELL_LIMIT;

/** The values a hidden cell may take as the attacker knows it. */
function inRange(status: Status, value: number): boolean {
  if (status === 'small') return value >= 0 && value < SMALL_CELL_LIMIT;
  return value >= SMALL_CELL_LIMIT;
}

interface Augmented {
  values: number[][];
  status: Status[][];
  rows: number;
  columns: number;
}

function augment(counts: readonly (readonly number[])[]): Augmented {
  const innerRows = counts.length;
  const innerColumns = counts[0]?.length ?? 0;
  const values: number[][] = [];
  for (let i = 0; i < innerRows; i++) {
    const row = [...(counts[i] ?? [])];
    if (row.length !== innerColumns) throw new Error('protectTable: ragged table');
    for (const value of row)
      if (!Number.isInteger(value) || value < 0) throw new Error('protectTable: counts must be integers ≥ 0');
    row.push(row.reduce((sum, value) => sum + value, 0));
    values.push(row);
  }
  const totals: number[] = [];
  for (let j = 0; j <= innerColumns; j++) totals.push(values.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  values.push(totals);
  const status = values.map((row) => row.map((value): Status => (isSmall(value) ? 'small' : 'shown')));
  return { values, status, rows: innerRows + 1, columns: innerColumns + 1 };
}

/**
 * The cheapest path of hidden-or-hideable cells from node `from` to node `to` along which the cycle's
 * move stays in every cell's range (cell `skip` excluded). Nodes: rows 0..rows-1, then columns. A step
 * row i → column j moves cell (i, j) by +s, a step column j → row i by −s (s = the cell's margin sign).
 */
function cheapestPath(
  table: Augmented,
  from: number,
  to: number,
  skip: [number, number],
): [number, number][] | null {
  const { rows, columns, values, status } = table;
  const nodeCount = rows + columns;
  const distance = new Array<number>(nodeCount).fill(Number.POSITIVE_INFINITY);
  const previous = new Array<[number, number] | null>(nodeCount).fill(null);
  const previousNode = new Array<number>(nodeCount).fill(-1);
  const done = new Array<boolean>(nodeCount).fill(false);
  distance[from] = 0;
  // Dense Dijkstra: tables have tens of rows and columns, so O(V²) is simpler than a heap and as fast.
  for (;;) {
    let node = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < nodeCount; k++)
      if (!done[k] && distance[k]! < best) {
        best = distance[k]!;
        node = k;
      }
    if (node === -1 || node === to) break;
    done[node] = true;
    const isRow = node < rows;
    const span = isRow ? columns : rows;
    for (let other = 0; other < span; other++) {
      const i = isRow ? node : other;
      const j = isRow ? other : node - rows;
      if (i === skip[0] && j === skip[1]) continue;
      const value = values[i]![j]!;
      const current = status[i]![j]!;
      // A published cell would become a complement (it is ≥ 5: every smaller cell is already hidden).
      const hiddenAs: Status = current === 'shown' ? 'complement' : current;
      if (!inRange(hiddenAs, value + (isRow ? 1 : -1) * marginSign(table, i, j))) continue;
      const next = isRow ? rows + j : i;
      // Hiding a published cell costs its value (+1, so fewer cells win ties); hidden cells are free.
      const cost = best + (current === 'shown' ? value + 1 : 0);
      if (cost < distance[next]!) {
        distance[next] = cost;
        previous[next] = [i, j];
        previousNode[next] = node;
      }
    }
  }
  if (!Number.isFinite(distance[to]!)) return null;
  const path: [number, number][] = [];
  for (let node = to; node !== from; node = previousNode[node]!) path.push(previous[node]!);
  return path;
}

const marginSign = (table: Augmented, i: number, j: number): number =>
  (i === table.rows - 1 ? -1 : 1) * (j === table.columns - 1 ? -1 : 1);

/**
 * Puts the small cell (i, j) on a cycle of hidden cells that can move inside their ranges, hiding the
 * cheapest published cells needed. False when no such cycle exists.
 */
function protect(table: Augmented, i: number, j: number): boolean {
  const { rows, values, status } = table;
  const sign = marginSign(table, i, j);
  const value = values[i]![j]!;
  const paths: [number, number][][] = [];
  // The cell taken row i → column j (it moves by +sign) closes a path column j → row i …
  if (inRange(status[i]![j]!, value + sign)) {
    const path = cheapestPath(table, rows + j, i, [i, j]);
    if (path) paths.push(path);
  }
  // … or taken column j → row i (it moves by −sign), closing a path row i → column j.
  if (inRange(status[i]![j]!, value - sign)) {
    const path = cheapestPath(table, i, rows + j, [i, j]);
    if (path) paths.push(path);
  }
  if (paths.length === 0) return false;
  const cost = (path: [number, number][]) =>
    path.reduce((sum, [a, b]) => sum + (status[a]![b] === 'shown' ? values[a]![b]! + 1 : 0), 0);
  const chosen = paths.sort((a, b) => cost(a) - cost(b))[0]!;
  for (const [a, b] of chosen) if (status[a]![b] === 'shown') status[a]![b] = 'complement';
  return true;
}

const cellOf = (value: number, status: Status): Cell => ({
  value: status === 'shown' ? value : null,
  status,
});

/**
 * Protects a table of counts with its row totals, column totals and grand total (see the file comment).
 * Pure; the same counts always give the same result.
 */
export function protectTable(counts: readonly (readonly number[])[]): ProtectedTable {
  const table = augment(counts);
  const { rows, columns, values, status } = table;
  let withheld = false;
  for (let i = 0; i < rows && !withheld; i++)
    for (let j = 0; j < columns && !withheld; j++)
      if (status[i]![j] === 'small' && !protect(table, i, j)) withheld = true;
  if (withheld)
    for (const row of status)
      for (let j = 0; j < row.length; j++) if (row[j] === 'shown') row[j] = 'complement';
  const innerRows = rows - 1;
  const innerColumns = columns - 1;
  return {
    cells: values
      .slice(0, innerRows)
      .map((row, i) => row.slice(0, innerColumns).map((value, j) => cellOf(value, status[i]![j]!))),
    rowTotals: values
      .slice(0, innerRows)
      .map((row, i) => cellOf(row[innerColumns]!, status[i]![innerColumns]!)),
    columnTotals: values[innerRows]!.slice(0, innerColumns).map((value, j) =>
      cellOf(value, status[innerRows]![j]!),
    ),
    total: cellOf(values[innerRows]![innerColumns]!, status[innerRows]![innerColumns]!),
  };
}

/** A one-way breakdown (cases by month, by place …) with its total: a table of one column. */
export function protectList(counts: readonly number[]): { cells: Cell[]; total: Cell } {
  if (counts.length === 0) return { cells: [], total: cellOf(0, 'small') };
  const table = protectTable(counts.map((count) => [count]));
  return { cells: table.cells.map((row) => row[0]!), total: table.total };
}

/**
 * Counts whose cells overlap (a case with several forms counts under each), so no line equation links
 * them to a total: only the small cells are hidden.
 */
export function protectOverlapping(counts: readonly number[]): Cell[] {
  return counts.map((count) => cellOf(count, isSmall(count) ? 'small' : 'shown'));
}

/** How a cell reads in a table or a CSV: the number, "< 5", or "×" for a complement. */
export function formatCell(cell: Cell): string {
  if (cell.status === 'small') return `< ${SMALL_CELL_LIMIT}`;
  if (cell.status === 'complement') return '×';
  return String(cell.value);
}
