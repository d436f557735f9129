import type { Db, DbOrTx } from '../../platform/database.ts';
import { assignedForm, testsRepository as tests, testTakingStatuses, writeAttempt } from './test-attempts.ts';
import type { TestForm, TestPhase } from './test-scores.ts';

/** An item as the public page shows it: never its key. */
export interface PublicItem {
  id: number;
  stemId: string;
  stemEn: string | null;
  options: { id: string; en: string | null }[];
}

export type TestOpening =
  /** Wrong code, no seat, or no test open in her class: the one generic answer, whichever it was. */
  | { outcome: 'not_matched' }
  /** She has sent this test already: nothing changes (the trainer corrects on paper if need be). */
  | { outcome: 'already'; phase: TestPhase; classTitle: string }
  | { outcome: 'ready'; phase: TestPhase; form: TestForm; classTitle: string; items: PublicItem[] };

export type TestSubmission =
  | Exclude<TestOpening, { outcome: 'ready' }>
  | { outcome: 'recorded'; phase: TestPhase; classTitle: string }
  /** Some items have no answer: the form again, with what she chose. */
  | {
      outcome: 'incomplete';
      phase: TestPhase;
      form: TestForm;
      classTitle: string;
      items: PublicItem[];
      missing: number[];
    };

/**
 * The public test page (/tes): a participant names herself with her enrolment code and answers the test
 * open in her class now. Idempotent: the first complete submission of a phase is her attempt; a second
 * one (Back and resend, or a new try) is refused with "already sent" and changes nothing, so nobody can
 * retake a test after seeing the answers discussed. A trainer corrects an attempt from paper instead.
 */
export function createTestTakingService(deps: { db: Db; clock: { now(): Date } }) {
  const { db, clock } = deps;

  async function find(handle: DbOrTx, enrolmentCode: string, phase?: TestPhase) {
    const participant = await handle
      .selectFrom('training_participants as t')
      .innerJoin('training_classes as c', 'c.id', 't.class_id')
      .innerJoin('training_test_settings as s', 's.class_id', 't.class_id')
      .select(['t.id', 't.class_id', 'c.title', 's.open_phase', 's.parallel_forms'])
      .where('t.enrolment_code', '=', enrolmentCode)
      .where('t.status', 'in', [...testTakingStatuses])
      .where('s.open_phase', 'is not', null)
      .executeTakeFirst();
    if (!participant || (phase && participant.open_phase !== phase)) return null;
    const open = participant.open_phase as TestPhase;
    const form = await assignedForm(
      handle,
      participant.class_id,
      participant.id,
      open,
      participant.parallel_forms,
    );
    const items = (await tests.items(handle, participant.class_id)).filter((item) => item.form === form);
    if (items.length === 0) return null;
    const taken = await handle
      .selectFrom('training_test_attempts')
      .select('id')
      .where('participant_id', '=', participant.id)
      .where('phase', '=', open)
      .executeTakeFirst();
    return { participant, phase: open, form, items, taken: taken !== undefined };
  }

  const publicItems = (items: Awaited<ReturnType<typeof tests.items>>): PublicItem[] =>
    items.map((item) => ({ id: item.id, stemId: item.stem_id, stemEn: item.stem_en, options: item.options }));

  return {
    /** The test she may take now, or why not. */
    async open(enrolmentCode: string): Promise<TestOpening> {
      const found = await find(db, enrolmentCode);
      if (!found) return { outcome: 'not_matched' };
      if (found.taken) return { outcome: 'already', phase: found.phase, classTitle: found.participant.title };
      return {
        outcome: 'ready',
        phase: found.phase,
        form: found.form,
        classTitle: found.participant.title,
        items: publicItems(found.items),
      };
    },

    /**
     * Her answers to the test of `phase` (the one she was shown; if the trainer has closed it or opened
     * the other meanwhile, the generic answer). Every item needs an answer.
     */
    async submit(input: {
      enrolmentCode: string;
      phase: TestPhase;
      answers: Record<string, number>;
    }): Promise<TestSubmission> {
      return db.transaction().execute(async (tx): Promise<TestSubmission> => {
        const found = await find(tx, input.enrolmentCode, input.phase);
        if (!found) return { outcome: 'not_matched' };
        const classTitle = found.participant.title;
        if (found.taken) return { outcome: 'already', phase: found.phase, classTitle };
        const missing = found.items
          .filter((item) => {
            const answer = input.answers[String(item.id)];
            return answer === undefined || answer >= item.options.length;
          })
          .map((item) => item.id);
        if (missing.length)
          return {
            outcome: 'incomplete',
            phase: found.phase,
            form: found.form,
            classTitle,
            items: publicItems(found.items),
            missing,
          };
        const result = await writeAttempt(tx, {
          participantId: found.participant.id,
          phase: found.phase,
          form: found.form,
          via: 'online',
          items: found.items,
          answers: input.answers,
          recordedBy: null,
          at: clock.now(),
          existing: 'keep',
        });
        if (result === 'already') return { outcome: 'already', phase: found.phase, classTitle };
        return { outcome: 'recorded', phase: found.phase, classTitle };
      });
    },
  };
}
export type TestTakingService = ReturnType<typeof createTestTakingService>;
