import { z } from 'zod';
import { bigIdSchema, idSchema } from './common.ts';

/** Pre/post tests of a class and the learning-gain report (issue 12, training.md "Tests and learning gain"). */
export const testPhases = ['pre', 'post'] as const;
export const testForms = ['A', 'B'] as const;
export const gainBands = ['low', 'medium', 'high', 'ceiling'] as const;

const stem = z.string().trim().min(1).max(2000);
const optionalStem = z
  .string()
  .trim()
  .max(2000)
  .nullable()
  .default(null)
  .transform((value) => (value === '' ? null : value));

export const testOption = z.object({
  id: z.string().trim().min(1).max(500),
  en: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value)),
});

export const testItemBody = z
  .object({
    form: z.enum(testForms).default('A'),
    stemId: stem,
    stemEn: optionalStem,
    options: z.array(testOption).min(2).max(6),
    /** Index of the correct option (0-based). */
    correct: z.number().int().min(0).max(5),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((body) => body.correct < body.options.length, { path: ['correct'], message: 'no_such_option' });
export type TestItemBody = z.input<typeof testItemBody>;
export type TestItemInput = z.infer<typeof testItemBody>;

export const testItemView = z.object({
  id: z.number().int(),
  form: z.enum(testForms),
  stemId: z.string(),
  stemEn: z.string().nullable(),
  options: z.array(z.object({ id: z.string(), en: z.string().nullable() })),
  correct: z.number().int(),
  position: z.number().int(),
  /** Answers exist: options, key and form are fixed (retire it and add a new item instead). */
  answered: z.boolean(),
});
export type TestItemView = z.infer<typeof testItemView>;

export const attemptView = z.object({
  form: z.enum(testForms),
  via: z.enum(['online', 'paper']),
  score: z.number().int(),
  max: z.number().int(),
  answers: z.record(z.string(), z.number().int().nullable()),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  /** Earlier versions of a corrected attempt, newest first. */
  history: z.array(
    z.object({
      via: z.enum(['online', 'paper']),
      score: z.number().int(),
      max: z.number().int(),
      recordedAt: z.string(),
      recordedBy: z.string().nullable(),
      replacedAt: z.string(),
      replacedBy: z.string().nullable(),
    }),
  ),
});
export type AttemptView = z.infer<typeof attemptView>;

export const testsView = z.object({
  classId: z.number().int(),
  parallelForms: z.boolean(),
  /** The test open on the public page now (one at a time), or null. */
  openPhase: z.enum(testPhases).nullable(),
  /** The class has a post-test (at least one item): the completion rule's post-test share applies. */
  hasTest: z.boolean(),
  /** Parallel forms cannot be switched once answers exist (the halves would change forms). */
  formsLocked: z.boolean(),
  items: z.array(testItemView),
  participants: z.array(
    z.object({
      participantId: bigIdSchema,
      name: z.string(),
      half: z.union([z.literal(1), z.literal(2)]),
      preForm: z.enum(testForms),
      postForm: z.enum(testForms),
      pre: attemptView.nullable(),
      post: attemptView.nullable(),
    }),
  ),
});
export type TestsView = z.infer<typeof testsView>;

export const testSettingsBody = z.object({
  parallelForms: z.boolean().optional(),
  openPhase: z.enum(testPhases).nullable().optional(),
});
export type TestSettingsBody = z.infer<typeof testSettingsBody>;

/** Paper entry: the answer chosen per item id (0-based option index, null for a blank). */
export const paperAnswersBody = z.object({
  form: z.enum(testForms).optional(),
  answers: z
    .record(z.string().regex(/^[0-9]{1,9}$/), z.number().int().min(0).max(5).nullable())
    .refine((answers) => Object.keys(answers).length <= 200, { message: 'too_many' }),
});
export type PaperAnswersBody = z.infer<typeof paperAnswersBody>;

const cell = z.object({
  value: z.number().int().nullable(),
  status: z.enum(['shown', 'small', 'complement']),
});
const groupRow = z.object({
  key: z.string().nullable(),
  n: cell,
  meanPre: z.number().nullable(),
  meanPost: z.number().nullable(),
  meanGain: z.number().nullable(),
});
export const testReport = z.object({
  classId: z.number().int(),
  takers: z.object({ pre: cell, post: cell }),
  overall: groupRow,
  bands: z.object({ low: cell, medium: cell, high: cell, ceiling: cell }),
  bySex: z.array(groupRow),
  byUnit: z.array(groupRow),
  items: z.array(
    z.object({
      itemId: z.number().int(),
      form: z.enum(testForms),
      stemId: z.string(),
      stemEn: z.string().nullable(),
      pre: z.object({ takers: cell, difficulty: z.number().nullable() }),
      post: z.object({ takers: cell, difficulty: z.number().nullable() }),
    }),
  ),
});
export type TestReport = z.infer<typeof testReport>;

export const testItemParams = z.object({ id: idSchema });
export const paperParams = z.object({ id: bigIdSchema, phase: z.enum(testPhases) });
