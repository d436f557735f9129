import { AppError } from '../../../shared/errors.ts';
import type {
  PaperAnswersBody,
  TestItemInput,
  TestReport,
  TestSettingsBody,
  TestsView,
} from '../../../shared/contracts/training-tests.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { assignedForm, testsRepository as tests, testTakingStatuses, writeAttempt } from './test-attempts.ts';
import { formFor, halvesOf, learningGainReport, type TestForm, type TestPhase } from './test-scores.ts';
import { openClass, openParticipant, type OpenedClass } from './training-access.ts';
import type { TrainingRepository } from './training.repository.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Pre/post tests of a class for those who run it (issue 12, training.md "Tests and learning gain"): the
 * item bank, forms A/B, opening and closing a test, paper entry, and the learning-gain report. Every
 * route reaches the class through training-access.ts; every attempt is written by test-attempts.ts.
 */
export function createTrainingTestsService(deps: { db: Db; training: TrainingRepository; clock: Clock }) {
  const { db, training, clock } = deps;

  const audit = actorAudit(clock);

  async function viewOf(handle: DbOrTx, opened: OpenedClass): Promise<TestsView> {
    const classId = opened.row.id;
    const [settings, items, attempts, history, participants, holderIds] = await Promise.all([
      tests.settings(handle, classId),
      tests.items(handle, classId),
      tests.attemptsOfClass(handle, classId),
      tests.historyOfClass(handle, classId),
      training.participants(handle, classId, 'all'),
      tests.seatHolderIds(handle, classId),
    ]);
    const halves = halvesOf(holderIds);
    const answered = new Set(attempts.flatMap((attempt) => Object.keys(attempt.answers)));
    const recorderIds = [
      ...new Set(attempts.flatMap((attempt) => (attempt.recorded_by ? [attempt.recorded_by] : []))),
    ];
    const recorders = new Map<string, string>(
      recorderIds.length === 0
        ? []
        : (
            await handle.selectFrom('users').select(['id', 'email']).where('id', 'in', recorderIds).execute()
          ).map((row) => [row.id, row.email]),
    );
    const attemptOf = (participantId: string, phase: TestPhase) => {
      const attempt = attempts.find((item) => item.participant_id === participantId && item.phase === phase);
      if (!attempt) return null;
      return {
        form: attempt.form,
        via: attempt.via,
        score: attempt.score,
        max: attempt.max_score,
        answers: attempt.answers,
        recordedAt: iso(attempt.recorded_at),
        recordedBy: attempt.recorded_by ? (recorders.get(attempt.recorded_by) ?? null) : null,
        history: history
          .filter((item) => item.attempt_id === attempt.id)
          .map((item) => ({
            via: item.via as 'online' | 'paper',
            score: item.score,
            max: item.max_score,
            recordedAt: iso(item.recorded_at),
            recordedBy: item.recorded_by,
            replacedAt: iso(item.replaced_at),
            replacedBy: item.replaced_by,
          })),
      };
    };
    return {
      classId,
      parallelForms: settings.parallelForms,
      openPhase: settings.openPhase,
      hasTest: items.length > 0,
      formsLocked: attempts.length > 0,
      items: items.map((item) => ({
        id: item.id,
        form: item.form,
        stemId: item.stem_id,
        stemEn: item.stem_en,
        options: item.options,
        correct: item.correct,
        position: item.position,
        answered: answered.has(String(item.id)),
      })),
      participants: participants
        .filter((participant) => halves.has(participant.id))
        .map((participant) => {
          const half = halves.get(participant.id)!;
          const pre = attemptOf(participant.id, 'pre');
          return {
            participantId: participant.id,
            name: participant.name,
            half,
            preForm: pre?.form ?? formFor('pre', half, settings.parallelForms),
            postForm: formFor('post', half, settings.parallelForms, pre?.form ?? null),
            pre,
            post: attemptOf(participant.id, 'post'),
          };
        }),
    };
  }

  async function ensureSettings(handle: DbOrTx, classId: number) {
    await handle
      .insertInto('training_test_settings')
      .values({ class_id: classId })
      .onConflict((conflict) => conflict.column('class_id').doNothing())
      .execute();
  }

  async function itemOfClass(handle: DbOrTx, actor: Actor, itemId: number) {
    const item = await tests.item(handle, itemId);
    if (!item || !item.active) throw new AppError('not_found');
    const opened = await openClass(handle, actor.principal, item.class_id, 'run', { lock: true });
    return { item, opened };
  }

  return {
    /** The class's tests: items with their keys, settings, and each participant's forms and attempts. */
    async getTests(actor: Actor, classId: number): Promise<TestsView> {
      return viewOf(db, await openClass(db, actor.principal, classId, 'run'));
    },

    /** Parallel forms on or off (only before any answer), and which test is open (one at a time). */
    async setSettings(actor: Actor, classId: number, input: TestSettingsBody): Promise<TestsView> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'run', { lock: true });
        await ensureSettings(tx, classId);
        const current = await tests.settings(tx, classId);
        const changes: { parallel_forms?: boolean; open_phase?: string | null } = {};
        if (input.parallelForms !== undefined && input.parallelForms !== current.parallelForms) {
          if ((await tests.attemptsOfClass(tx, classId)).length > 0) throw new AppError('test_forms_locked');
          changes.parallel_forms = input.parallelForms;
        }
        if (input.openPhase !== undefined && input.openPhase !== current.openPhase) {
          const parallel = changes.parallel_forms ?? current.parallelForms;
          const forms = new Set((await tests.items(tx, classId)).map((item) => item.form));
          // Every form in use needs items (one form is A): otherwise some would find an empty test.
          const needed = parallel ? ['A', 'B'] : ['A'];
          if (input.openPhase !== null && !needed.every((form) => forms.has(form as TestForm)))
            throw new AppError('validation_failed', undefined, {
              fields: [{ path: 'openPhase', message: 'no_items' }],
            });
          changes.open_phase = input.openPhase;
        }
        if (Object.keys(changes).length > 0) {
          await tx
            .updateTable('training_test_settings')
            .set({ ...changes, updated_by: actor.userId, updated_at: clock.now() })
            .where('class_id', '=', classId)
            .execute();
          await audit(
            tx,
            actor,
            'training.test_settings',
            'training_class',
            String(classId),
            opened.row.program_unit_id,
            changes,
          );
        }
        return viewOf(tx, opened);
      });
    },

    async addItem(actor: Actor, classId: number, input: TestItemInput): Promise<TestsView> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'run', { lock: true });
        const { id } = await tx
          .insertInto('training_test_items')
          .values({
            class_id: classId,
            form: input.form,
            stem_id: input.stemId,
            stem_en: input.stemEn,
            options: JSON.stringify(input.options),
            correct: input.correct,
            position: input.position,
            created_by: actor.userId,
            updated_by: actor.userId,
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(
          tx,
          actor,
          'training.test_item_add',
          'training_test_item',
          String(id),
          opened.row.program_unit_id,
        );
        return viewOf(tx, opened);
      });
    },

    /**
     * Edits an item. Once answered, its options, key and form are fixed (scores already counted on them):
     * 409 `test_item_answered`; the wording may still be corrected.
     */
    async updateItem(actor: Actor, itemId: number, input: TestItemInput): Promise<TestsView> {
      return db.transaction().execute(async (tx) => {
        const { item, opened } = await itemOfClass(tx, actor, itemId);
        const keyChanged =
          item.form !== input.form ||
          item.correct !== input.correct ||
          JSON.stringify(item.options.map((option) => option.id)) !==
            JSON.stringify(input.options.map((option) => option.id));
        if (keyChanged && (await tests.isAnswered(tx, item.class_id, itemId)))
          throw new AppError('test_item_answered');
        await tx
          .updateTable('training_test_items')
          .set({
            form: input.form,
            stem_id: input.stemId,
            stem_en: input.stemEn,
            options: JSON.stringify(input.options),
            correct: input.correct,
            position: input.position,
            updated_by: actor.userId,
            updated_at: clock.now(),
          })
          .where('id', '=', itemId)
          .execute();
        await audit(
          tx,
          actor,
          'training.test_item_update',
          'training_test_item',
          String(itemId),
          opened.row.program_unit_id,
        );
        return viewOf(tx, opened);
      });
    },

    /** Removes an item; one with answers is retired instead (its answers keep their key). */
    async removeItem(actor: Actor, itemId: number): Promise<TestsView> {
      return db.transaction().execute(async (tx) => {
        const { item, opened } = await itemOfClass(tx, actor, itemId);
        if (await tests.isAnswered(tx, item.class_id, itemId))
          await tx
            .updateTable('training_test_items')
            .set({ active: false, updated_by: actor.userId, updated_at: clock.now() })
            .where('id', '=', itemId)
            .execute();
        else await tx.deleteFrom('training_test_items').where('id', '=', itemId).execute();
        await audit(
          tx,
          actor,
          'training.test_item_remove',
          'training_test_item',
          String(itemId),
          opened.row.program_unit_id,
        );
        return viewOf(tx, opened);
      });
    },

    /**
     * Answers from a paper test, entered by the trainer (open or closed test alike). A second entry
     * corrects the first (online or paper): the earlier version is kept with who replaced it and when.
     */
    async enterPaper(
      actor: Actor,
      participantId: string,
      phase: TestPhase,
      input: PaperAnswersBody,
    ): Promise<TestsView> {
      return db.transaction().execute(async (tx) => {
        const opened = await openParticipant(tx, actor.principal, participantId, 'run', { lock: true });
        const classId = opened.row.id;
        if (!(testTakingStatuses as readonly string[]).includes(opened.participant.status))
          throw new AppError('participant_state');
        const settings = await tests.settings(tx, classId);
        const form: TestForm =
          input.form ?? (await assignedForm(tx, classId, participantId, phase, settings.parallelForms));
        if (!settings.parallelForms && form !== 'A')
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'form', message: 'one_form' }],
          });
        const items = (await tests.items(tx, classId)).filter((item) => item.form === form);
        if (items.length === 0)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'form', message: 'no_items' }],
          });
        const known = new Set(items.map((item) => String(item.id)));
        const bad = Object.entries(input.answers).filter(
          ([itemId, answer]) =>
            !known.has(itemId) ||
            (answer !== null && answer >= items.find((item) => String(item.id) === itemId)!.options.length),
        );
        if (bad.length)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'answers', message: 'not_an_item_of_the_form' }],
            public: { itemIds: bad.map(([itemId]) => itemId) },
          });
        const result = await writeAttempt(tx, {
          participantId,
          phase,
          form,
          via: 'paper',
          items,
          answers: input.answers,
          recordedBy: actor.userId,
          at: clock.now(),
          existing: 'correct',
        });
        if (result !== 'unchanged')
          await audit(
            tx,
            actor,
            'training.test_paper',
            'training_participant',
            participantId,
            opened.row.program_unit_id,
            {
              phase,
              form,
              result,
            },
          );
        return viewOf(tx, opened);
      });
    },

    /**
     * The learning-gain report: anyone with a part in the class (organisers, its trainers, officers who
     * nominate to it) sees it, because every group under 5 is suppressed; a DPD officer of another
     * province learns nothing of the class (404 at the door).
     */
    async report(actor: Actor, classId: number): Promise<TestReport> {
      const opened = await openClass(db, actor.principal, classId, 'see');
      const [items, attempts, participants, holderIds] = await Promise.all([
        tests.items(db, classId, { withRetired: true }),
        tests.attemptsOfClass(db, classId),
        training.participants(db, classId, 'all'),
        tests.seatHolderIds(db, classId),
      ]);
      const holders = new Set(holderIds);
      const report = learningGainReport({
        participants: participants
          .filter((participant) => holders.has(participant.id))
          .map((participant) => ({
            id: participant.id,
            sex: participant.sex as 'L' | 'P' | null,
            // By the unit that nominated her (the unit in the call, a DPD say): home PSPs would make
            // groups too small to show. Keyed by id, so two units of one name stay apart.
            unit: participant.nominating_unit_id === null ? null : String(participant.nominating_unit_id),
          })),
        attempts: attempts.map((attempt) => ({
          participantId: attempt.participant_id,
          phase: attempt.phase,
          form: attempt.form,
          score: attempt.score,
          max: attempt.max_score,
          answers: attempt.answers,
        })),
        items: items
          .filter((item) => item.active)
          .map((item) => ({ id: item.id, form: item.form, correct: item.correct })),
      });
      const stems = new Map(items.map((item) => [item.id, item]));
      const unitNames = new Map(
        participants.map((participant) => [
          String(participant.nominating_unit_id),
          participant.nominating_unit_name ?? '',
        ]),
      );
      return {
        classId: opened.row.id,
        ...report,
        byUnit: report.byUnit
          .map((row) => ({ ...row, key: row.key === null ? null : (unitNames.get(row.key) ?? row.key) }))
          .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key, 'id'))),
        items: report.items.map((item) => ({
          ...item,
          stemId: stems.get(item.itemId)!.stem_id,
          stemEn: stems.get(item.itemId)!.stem_en,
        })),
      };
    },
  };
}
export type TrainingTestsService = ReturnType<typeof createTrainingTestsService>;
