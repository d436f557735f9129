import { protectList, protectOverlapping, SMALL_CELL_LIMIT, type Cell } from '../case-stats/suppression.ts';

/**
 * The pure rules of pre/post tests and the learning-gain report (shared/domain/training.md "Tests and
 * learning gain"). No database here: the services load items, participants and attempts, and these
 * functions decide forms, scores, gains and what the report may publish.
 *
 * Small groups are protected by the case statistics' suppression code (case-stats/suppression.ts), not by
 * a second copy of it: group sizes go through `protectList`, item takers through `protectOverlapping`.
 */

export type TestPhase = 'pre' | 'post';
export type TestForm = 'A' | 'B';
export type Half = 1 | 2;

/**
 * The halves of a class, by enrolment order (participant ids are issued in order): the first ⌈n/2⌉
 * are half 1, the rest half 2. Ids are compared as numbers (bigint ids arrive as strings).
 */
export function halvesOf(participantIds: readonly string[]): Map<string, Half> {
  const ordered = [...new Set(participantIds)].sort((a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const cut = Math.ceil(ordered.length / 2);
  return new Map(ordered.map((id, index) => [id, index < cut ? 1 : 2]));
}

/**
 * The form a participant takes. One form (no parallel forms): A before and after. Two parallel forms:
 * half 1 takes A before and B after, half 2 the reverse; and whoever took the pre-test takes the other
 * form after it, whatever her half is by then (the halves move when someone joins or leaves), so a
 * matched pair never answers the same items twice.
 */
export function formFor(
  phase: TestPhase,
  half: Half,
  parallelForms: boolean,
  preFormTaken: TestForm | null = null,
): TestForm {
  if (!parallelForms) return 'A';
  if (phase === 'post' && preFormTaken) return preFormTaken === 'A' ? 'B' : 'A';
  const first: TestForm = half === 1 ? 'A' : 'B';
  if (phase === 'pre') return first;
  return first === 'A' ? 'B' : 'A';
}

/** Score of answers against the items of her form: one point per correct option; blanks score nothing. */
export function scoreAnswers(
  items: readonly { id: number; correct: number }[],
  answers: Readonly<Record<string, number | null>>,
): { score: number; max: number } {
  let score = 0;
  for (const item of items) if (answers[String(item.id)] === item.correct) score += 1;
  return { score, max: items.length };
}

/**
 * Normalised gain g = (post − pre) / (max − pre) on shares of the maximum (so forms A and B of
 * different lengths compare). A participant who scored the maximum before has no room to gain: null,
 * and she counts in the band `ceiling` (not in the mean gain; still in the means of pre and post).
 * g is at most 1 (1 exactly when post is the maximum) and negative when she scored lower after.
 */
export function normalisedGain(pre: number, post: number): number | null {
  if (pre >= 1) return null;
  return (post - pre) / (1 - pre);
}

export const gainBands = ['low', 'medium', 'high', 'ceiling'] as const;
export type GainBand = (typeof gainBands)[number];

/** Hake's bands: low below 0.3, medium 0.3 to 0.7 (both ends included), high above 0.7. */
export function gainBand(gain: number | null): GainBand {
  if (gain === null) return 'ceiling';
  if (gain < 0.3 - 1e-9) return 'low';
  if (gain > 0.7 + 1e-9) return 'high';
  return 'medium';
}

export interface ReportParticipant {
  id: string;
  sex: 'L' | 'P' | null;
  /** The key of the unit the report groups her under (the service uses the nominating unit). */
  unit: string | null;
}
export interface ReportAttempt {
  participantId: string;
  phase: TestPhase;
  form: TestForm;
  score: number;
  max: number;
  answers: Readonly<Record<string, number | null>>;
}
export interface ReportItem {
  id: number;
  form: TestForm;
  correct: number;
}

export interface GroupRow {
  /** The sex code, the unit name, or null for "unknown". */
  key: string | null;
  /** Matched pairs in the group ("< 5" or hidden when small). */
  n: Cell;
  /** Means as shares 0..1, null whenever `n` is not shown. */
  meanPre: number | null;
  meanPost: number | null;
  /** Mean of the individual gains (participants at the ceiling left out); null when none or hidden. */
  meanGain: number | null;
}

export interface ItemDifficulty {
  itemId: number;
  form: TestForm;
  /** Share correct among those who answered this item's form in the phase; null when takers are hidden. */
  pre: { takers: Cell; difficulty: number | null };
  post: { takers: Cell; difficulty: number | null };
}

export interface LearningGainReport {
  /** Participants who took each test (any, matched or not), protected one by one. */
  takers: { pre: Cell; post: Cell };
  overall: GroupRow;
  bands: Record<GainBand, Cell>;
  bySex: GroupRow[];
  byUnit: GroupRow[];
  items: ItemDifficulty[];
}

interface Pair {
  participant: ReportParticipant;
  pre: number;
  post: number;
  gain: number | null;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** Matched pairs only: a participant with both a pre-test and a post-test. */
export function matchedPairs(
  participants: readonly ReportParticipant[],
  attempts: readonly ReportAttempt[],
): Pair[] {
  const pairs: Pair[] = [];
  for (const participant of participants) {
    const pre = attempts.find((item) => item.participantId === participant.id && item.phase === 'pre');
    const post = attempts.find((item) => item.participantId === participant.id && item.phase === 'post');
    if (!pre || !post || pre.max <= 0 || post.max <= 0) continue;
    const preShare = pre.score / pre.max;
    const postShare = post.score / post.max;
    pairs.push({ participant, pre: preShare, post: postShare, gain: normalisedGain(preShare, postShare) });
  }
  return pairs;
}

const shown = (cell: Cell) => cell.status === 'shown';
const hide = (cell: Cell): Cell => (shown(cell) ? { value: null, status: 'complement' } : cell);

function rowOf(key: string | null, n: Cell, pairs: readonly Pair[]): GroupRow {
  if (!shown(n)) return { key, n, meanPre: null, meanPost: null, meanGain: null };
  return {
    key,
    n,
    meanPre: mean(pairs.map((pair) => pair.pre)),
    meanPost: mean(pairs.map((pair) => pair.post)),
    meanGain: mean(pairs.flatMap((pair) => (pair.gain === null ? [] : [pair.gain]))),
  };
}

/**
 * One breakdown (by sex, by unit) of the matched pairs. Group sizes go through `protectList`, so no small
 * group can be had back by subtracting the shown groups from the total. Means add one more risk: with the
 * overall mean and the shown groups' means, the pooled mean of the hidden groups can be computed, so the
 * hidden groups together must hold at least 5 people too; while they hold fewer, the smallest shown group
 * is hidden as well (hiding more never undoes the count protection).
 */
function breakdown(
  pairs: readonly Pair[],
  keyOf: (participant: ReportParticipant) => string | null,
  totalShown: boolean,
): GroupRow[] {
  const groups = new Map<string | null, Pair[]>();
  for (const pair of pairs) {
    const key = keyOf(pair.participant);
    groups.set(key, [...(groups.get(key) ?? []), pair]);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'id'),
  );
  const counts = keys.map((key) => groups.get(key)!.length);
  const table = protectList(counts);
  let cells = table.cells;
  // The total is published in the overall row: a breakdown that would need it hidden is withheld whole.
  if (!totalShown || !shown(table.total)) cells = cells.map(hide);
  for (;;) {
    const hiddenPeople = counts.reduce((sum, count, index) => sum + (shown(cells[index]!) ? 0 : count), 0);
    if (hiddenPeople === 0 || hiddenPeople >= SMALL_CELL_LIMIT) break;
    const candidates = counts
      .map((count, index) => ({ count, index }))
      .filter(({ index }) => shown(cells[index]!))
      .sort((a, b) => a.count - b.count);
    if (candidates.length === 0) break;
    const smallest = candidates[0]!.index;
    cells = cells.map((cell, index) => (index === smallest ? hide(cell) : cell));
  }
  return keys.map((key, index) => rowOf(key, cells[index]!, groups.get(key)!));
}

/** Share correct per item, before and after, among those who answered the item's form. */
function itemDifficulties(
  items: readonly ReportItem[],
  attempts: readonly ReportAttempt[],
): ItemDifficulty[] {
  return items.map((item) => {
    const phase = (which: TestPhase) => {
      const takers = attempts.filter((attempt) => attempt.phase === which && attempt.form === item.form);
      const [cell] = protectOverlapping([takers.length]);
      const correct = takers.filter((attempt) => attempt.answers[String(item.id)] === item.correct).length;
      return { takers: cell!, difficulty: shown(cell!) ? correct / takers.length : null };
    };
    return { itemId: item.id, form: item.form, pre: phase('pre'), post: phase('post') };
  });
}

/**
 * The learning-gain report of a class: means of pre and post on matched pairs only, the normalised gain
 * per person and its mean, the gain bands, the same by sex and by unit, and item difficulty. Every group
 * under 5 people shows "< 5" and no mean.
 */
export function learningGainReport(input: {
  participants: readonly ReportParticipant[];
  attempts: readonly ReportAttempt[];
  items: readonly ReportItem[];
}): LearningGainReport {
  const known = new Set(input.participants.map((participant) => participant.id));
  const attempts = input.attempts.filter((attempt) => known.has(attempt.participantId));
  const pairs = matchedPairs(input.participants, attempts);
  const bandCounts = gainBands.map((band) => pairs.filter((pair) => gainBand(pair.gain) === band).length);
  const bandTable = protectList(bandCounts);
  const [total] = protectOverlapping([pairs.length]);
  const overall = rowOf(null, total!, pairs);
  const totalShown = shown(total!);
  // The band counts sum to the published total: withheld whole if their protection needed it hidden.
  const bandsShown = totalShown && shown(bandTable.total);
  const bands = Object.fromEntries(
    gainBands.map((band, index) => [
      band,
      bandsShown ? bandTable.cells[index]! : hide(bandTable.cells[index]!),
    ]),
  ) as Record<GainBand, Cell>;
  const [pre, post] = protectOverlapping([
    attempts.filter((attempt) => attempt.phase === 'pre').length,
    attempts.filter((attempt) => attempt.phase === 'post').length,
  ]);
  return {
    takers: { pre: pre!, post: post! },
    overall,
    bands,
    bySex: breakdown(pairs, (participant) => participant.sex, totalShown),
    byUnit: breakdown(pairs, (participant) => participant.unit, totalShown),
    items: itemDifficulties(input.items, attempts),
  };
}
