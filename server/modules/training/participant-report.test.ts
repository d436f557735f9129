import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { participantStatuses } from '../../../shared/training-taxonomies.ts';
import { tallyParticipants, type ParticipantCountRow } from './participant-report.ts';
import { womenShareOf } from '../../../shared/contracts/training-reports.ts';

/**
 * The participant report's counting rules (training.md, issue 12 "Reports"), as properties:
 * - every nomination counts as nominated; only seat holders (accepted, completed, not completed, no-show)
 *   are participants; only completed ones are completed — so, for every sex, completed ≤ participants ≤
 *   nominated in every row;
 * - the totals are the sums of the rows; no nomination is lost or counted twice;
 * - a returned, declined, waitlisted or withdrawn nomination is never a participant.
 */
const group = fc.record({
  year: fc.integer({ min: 2024, max: 2027 }),
  track: fc.constantFrom('perempuan', 'media', 'tkbh'),
  unit_id: fc.integer({ min: 1, max: 4 }),
  sex: fc.constantFrom('P', 'L', null),
  status: fc.constantFrom(...participantStatuses),
  count: fc.integer({ min: 1, max: 40 }),
});
const groups = fc
  .array(group, { maxLength: 60 })
  .map((rows) => rows.map((row): ParticipantCountRow => ({ ...row, unit_name: `Unit ${row.unit_id}` })));
const sexes = ['women', 'men', 'unknown', 'total'] as const;

describe('participant report counting', () => {
  it('each stage is part of the one before, for every sex and row', () => {
    fc.assert(
      fc.property(groups, (input) => {
        const { rows } = tallyParticipants(input);
        for (const row of rows)
          for (const sex of sexes) {
            expect(row.completed[sex]).toBeLessThanOrEqual(row.participants[sex]);
            expect(row.participants[sex]).toBeLessThanOrEqual(row.nominated[sex]);
          }
      }),
    );
  });

  it('totals are the sums of the rows, and nominated counts every nomination once', () => {
    fc.assert(
      fc.property(groups, (input) => {
        const { rows, totals } = tallyParticipants(input);
        const all = input.reduce((sum, row) => sum + row.count, 0);
        expect(totals.nominated.total).toBe(all);
        for (const stage of ['nominated', 'participants', 'completed'] as const)
          for (const sex of sexes)
            expect(rows.reduce((sum, row) => sum + row[stage][sex], 0)).toBe(totals[stage][sex]);
        // One row per year, track and unit.
        const keys = rows.map((row) => `${row.year}|${row.track}|${row.unitId}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('a nomination that holds no seat is never a participant', () => {
    fc.assert(
      fc.property(
        groups.map((rows) =>
          rows.filter((row) =>
            ['nominated', 'waitlisted', 'returned', 'declined', 'withdrawn'].includes(row.status),
          ),
        ),
        (input) => {
          const { totals } = tallyParticipants(input);
          expect(totals.participants.total).toBe(0);
          expect(totals.completed.total).toBe(0);
        },
      ),
    );
  });

  it("the women's share counts only participants whose sex is recorded", () => {
    expect(womenShareOf({ women: 3, men: 1, unknown: 6, total: 10 })).toBe(0.75);
    expect(womenShareOf({ women: 0, men: 0, unknown: 4, total: 4 })).toBeNull();
  });
});
