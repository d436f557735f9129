import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';
import { formFor, halvesOf, scoreAnswers, type TestForm, type TestPhase } from './test-scores.ts';

/**
 * SQL of the pre/post tests and the one writer of attempts (the staff paper entry and the public test
 * page both end in `writeAttempt`, as every attendance mark ends in attendance.ts `writeMark`).
 */

/** Who takes the tests: participants holding a seat (a no-show's attempts, if any, still count). */
export const testTakingStatuses = ['accepted', 'completed', 'not_completed'] as const;
const seatHolding = ['accepted', 'completed', 'not_completed', 'no_show'];

export interface ItemRow {
  id: number;
  class_id: number;
  form: TestForm;
  stem_id: string;
  stem_en: string | null;
  options: { id: string; en: string | null }[];
  correct: number;
  position: number;
  active: boolean;
}

export interface AttemptRow {
  id: string;
  participant_id: string;
  phase: TestPhase;
  form: TestForm;
  via: 'online' | 'paper';
  answers: Record<string, number | null>;
  score: number;
  max_score: number;
  recorded_by: string | null;
  recorded_at: Date;
}

export const testsRepository = {
  async settings(handle: DbOrTx, classId: number) {
    const row = await handle
      .selectFrom('training_test_settings')
      .select(['parallel_forms', 'open_phase'])
      .where('class_id', '=', classId)
      .executeTakeFirst();
    return {
      parallelForms: row?.parallel_forms ?? false,
      openPhase: (row?.open_phase ?? null) as TestPhase | null,
    };
  },

  /** Active items of the class (all forms), in their order. */
  async items(handle: DbOrTx, classId: number, options: { withRetired?: boolean } = {}): Promise<ItemRow[]> {
    let query = handle
      .selectFrom('training_test_items')
      .select(['id', 'class_id', 'form', 'stem_id', 'stem_en', 'options', 'correct', 'position', 'active'])
      .where('class_id', '=', classId);
    if (!options.withRetired) query = query.where('active', '=', true);
    const rows = await query.orderBy('form').orderBy('position').orderBy('id').execute();
    return rows as ItemRow[];
  },

  async item(handle: DbOrTx, itemId: number) {
    return (await handle
      .selectFrom('training_test_items')
      .select(['id', 'class_id', 'form', 'stem_id', 'stem_en', 'options', 'correct', 'position', 'active'])
      .where('id', '=', itemId)
      .executeTakeFirst()) as ItemRow | undefined;
  },

  /** Whether any attempt answered the item (answers keep their key: options and key are then fixed). */
  async isAnswered(handle: DbOrTx, classId: number, itemId: number): Promise<boolean> {
    const row = await handle
      .selectFrom('training_test_attempts as a')
      .innerJoin('training_participants as t', 't.id', 'a.participant_id')
      .select('a.id')
      .where('t.class_id', '=', classId)
      .where(sql<boolean>`a.answers ? ${String(itemId)}`)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Seat holders of the class in enrolment order (their ids), for the halves. */
  async seatHolderIds(handle: DbOrTx, classId: number): Promise<string[]> {
    const rows = await handle
      .selectFrom('training_participants')
      .select('id')
      .where('class_id', '=', classId)
      .where('status', 'in', seatHolding)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.id);
  },

  async attemptsOfClass(handle: DbOrTx, classId: number): Promise<AttemptRow[]> {
    const rows = await handle
      .selectFrom('training_test_attempts as a')
      .innerJoin('training_participants as t', 't.id', 'a.participant_id')
      .select([
        'a.id',
        'a.participant_id',
        'a.phase',
        'a.form',
        'a.via',
        'a.answers',
        'a.score',
        'a.max_score',
        'a.recorded_by',
        'a.recorded_at',
      ])
      .where('t.class_id', '=', classId)
      .orderBy('a.id')
      .execute();
    return rows as AttemptRow[];
  },

  async historyOfClass(handle: DbOrTx, classId: number) {
    return handle
      .selectFrom('training_test_attempt_history as h')
      .innerJoin('training_test_attempts as a', 'a.id', 'h.attempt_id')
      .innerJoin('training_participants as t', 't.id', 'a.participant_id')
      .leftJoin('users as r', 'r.id', 'h.recorded_by')
      .leftJoin('users as x', 'x.id', 'h.replaced_by')
      .select([
        'h.attempt_id',
        'h.via',
        'h.score',
        'h.max_score',
        'h.recorded_at',
        'h.replaced_at',
        'r.email as recorded_by',
        'x.email as replaced_by',
      ])
      .where('t.class_id', '=', classId)
      .orderBy('h.id', 'desc')
      .execute();
  },
};

/** The form a participant takes in a phase now (halves by enrolment order; post follows her pre form). */
export async function assignedForm(
  handle: DbOrTx,
  classId: number,
  participantId: string,
  phase: TestPhase,
  parallelForms: boolean,
): Promise<TestForm> {
  if (!parallelForms) return 'A';
  const halves = halvesOf(await testsRepository.seatHolderIds(handle, classId));
  const pre =
    phase === 'post'
      ? await handle
          .selectFrom('training_test_attempts')
          .select('form')
          .where('participant_id', '=', participantId)
          .where('phase', '=', 'pre')
          .executeTakeFirst()
      : undefined;
  return formFor(phase, halves.get(participantId) ?? 1, true, (pre?.form as TestForm | undefined) ?? null);
}

/** Answers as a string independent of key order (jsonb orders keys its own way). */
const canonical = (answers: Readonly<Record<string, number | null>>) =>
  JSON.stringify(Object.entries(answers).sort(([a], [b]) => Number(a) - Number(b)));

export interface AttemptInput {
  participantId: string;
  phase: TestPhase;
  form: TestForm;
  via: 'online' | 'paper';
  /** The items of her form (active now): the score is counted against them. */
  items: readonly { id: number; correct: number }[];
  answers: Readonly<Record<string, number | null>>;
  recordedBy: string | null;
  at: Date;
  /** What to do with an attempt already recorded: keep it (the public page) or correct it (paper). */
  existing: 'keep' | 'correct';
}

/**
 * The only writer of test attempts. One attempt per participant and phase: with `keep`, a second one
 * changes nothing (`already`); with `correct`, the earlier version goes to the history with who replaced
 * it and when (`corrected`), unless nothing changed (`unchanged`).
 */
export async function writeAttempt(
  handle: DbOrTx,
  input: AttemptInput,
): Promise<'recorded' | 'already' | 'unchanged' | 'corrected'> {
  const answers = Object.fromEntries(
    input.items.map((item) => [String(item.id), input.answers[String(item.id)] ?? null]),
  );
  const { score, max } = scoreAnswers(input.items, answers);
  const existing = await handle
    .selectFrom('training_test_attempts')
    .selectAll()
    .where('participant_id', '=', input.participantId)
    .where('phase', '=', input.phase)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) {
    const inserted = await handle
      .insertInto('training_test_attempts')
      .values({
        participant_id: input.participantId,
        phase: input.phase,
        form: input.form,
        via: input.via,
        answers: JSON.stringify(answers),
        score,
        max_score: max,
        recorded_by: input.recordedBy,
        recorded_at: input.at,
      })
      .onConflict((conflict) => conflict.columns(['participant_id', 'phase']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // The same form sent twice at the same instant: the other one won.
    if (inserted) return 'recorded';
    return writeAttempt(handle, input);
  }
  if (input.existing === 'keep') return 'already';
  const same =
    existing.form === input.form &&
    existing.via === input.via &&
    canonical(existing.answers) === canonical(answers);
  if (same) return 'unchanged';
  await handle
    .insertInto('training_test_attempt_history')
    .values({
      attempt_id: existing.id,
      form: existing.form,
      via: existing.via,
      answers: JSON.stringify(existing.answers),
      score: existing.score,
      max_score: existing.max_score,
      recorded_by: existing.recorded_by,
      recorded_at: existing.recorded_at,
      replaced_by: input.recordedBy,
      replaced_at: input.at,
    })
    .execute();
  await handle
    .updateTable('training_test_attempts')
    .set({
      form: input.form,
      via: input.via,
      answers: JSON.stringify(answers),
      score,
      max_score: max,
      recorded_by: input.recordedBy,
      recorded_at: input.at,
    })
    .where('id', '=', existing.id)
    .execute();
  return 'corrected';
}

/** Post-test shares (score / max) of a class's participants, for the completion rule. */
export async function postScoresOf(handle: DbOrTx, classId: number): Promise<Map<string, number>> {
  const rows = await handle
    .selectFrom('training_test_attempts as a')
    .innerJoin('training_participants as t', 't.id', 'a.participant_id')
    .select(['a.participant_id', 'a.score', 'a.max_score'])
    .where('t.class_id', '=', classId)
    .where('a.phase', '=', 'post')
    .execute();
  return new Map(rows.map((row) => [row.participant_id, row.score / row.max_score]));
}

/**
 * A class has a test once it has an item, or once someone took its post-test (its items may have been
 * retired since): from then on its completion rule's post-test share applies.
 */
export async function hasTest(handle: DbOrTx, classId: number): Promise<boolean> {
  const item = await handle
    .selectFrom('training_test_items')
    .select('id')
    .where('class_id', '=', classId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (item) return true;
  const attempt = await handle
    .selectFrom('training_test_attempts as a')
    .innerJoin('training_participants as t', 't.id', 'a.participant_id')
    .select('a.id')
    .where('t.class_id', '=', classId)
    .where('a.phase', '=', 'post')
    .executeTakeFirst();
  return attempt !== undefined;
}
