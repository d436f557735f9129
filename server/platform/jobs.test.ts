import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { jobNames, startJobs } from './jobs.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('job queue (pg-boss in PostgreSQL)', () => {
  it('schedules the purge job and runs it when sent', async () => {
    let runs = 0;
    const boss = await startJobs(
      test.url,
      {
        purgeExpired: async () => ({ sessions: ++runs }),
        deliverMail: async () => 0,
        purgeStaleUploads: async () => 0,
        purgeCases: async () => 0,
        sendCaseReminders: async () => 0,
        sendAgreementReminders: async () => 0,
        refreshQuotaSummary: async () => ({ refreshed: false, reason: 'test' }),
        runImport: async () => 'not_running',
        recoverImports: async () => [],
        checkpointAudit: async () => null,
      },
      pino({ level: 'silent' }),
    );
    try {
      const schedules = await boss.getSchedules();
      expect(schedules.map((schedule) => schedule.name).sort()).toEqual(Object.values(jobNames).sort());
      await boss.send(jobNames.purge, {});
      for (let waited = 0; runs === 0 && waited < 15_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(runs).toBe(1);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
});
