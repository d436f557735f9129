import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { createServices } from '../app.ts';
import { loadConfig } from '../config.ts';
import { checkMasterKeyFingerprint, createKeyring, loadOrCreateMasterKey } from '../platform/crypto.ts';
import { migrateToLatest } from '../platform/database.ts';
import { createMailer } from '../platform/mail.ts';
import { openDatabase } from '../platform/open-database.ts';
import { loadDemoCases } from './demo-cases.ts';
import { DemoRefusedError, loadDemoData } from './demo-data.ts';
import { loadDemoCommitment } from './demo-commitment.ts';
import { loadDemoTraining } from './demo-training.ts';
import { loadDemoCadre } from './demo-cadre.ts';
import { loadDemoCampaigns } from './demo-campaigns.ts';
import { loadDemoMaterials } from './demo-materials.ts';
import { loadDemoAgreements } from './demo-agreements.ts';

/** `npm run demo`: loads the synthetic union into the database `npm start` uses. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const config = loadConfig();
const { db, url, embedded } = await openDatabase(config, say);
try {
  const started = performance.now();
  await migrateToLatest(db);
  const { masterKey, source } = await loadOrCreateMasterKey({
    keyFromEnvironment: config.SETARA_MASTER_KEY,
    keyFile: config.keyFile,
    db,
  });
  await checkMasterKeyFingerprint(db, masterKey, source);
  const { unitsService, casesService, cadreService, campaignsService, materialsService, agreementsService } =
    createServices({
      config,
      db,
      databaseUrl: url,
      keyring: createKeyring(db, masterKey),
      mailer: createMailer(db, { from: config.MAIL_FROM }),
    });
  await unitsService.ensureRootUnit(config.SETARA_ROOT_UNIT_NAME);
  const result = await loadDemoData(db, { log: (line) => say(`  ${line}`) });
  const caseCount = await loadDemoCases(db, casesService);
  const training = await loadDemoTraining(db);
  const cadre = await loadDemoCadre(db, cadreService);
  const library = await loadDemoMaterials(db, materialsService);
  const campaigns = await loadDemoCampaigns(db, campaignsService, { beforeClose: library.link });
  const commitment = await loadDemoCommitment(db);
  const agreements = await loadDemoAgreements(db, agreementsService);
  // Fresh planner statistics for the bulk just loaded (autovacuum would take a while to notice it).
  await sql`ANALYZE`.execute(db);
  say(
    `Demo data loaded in ${Math.round(performance.now() - started)} ms: ${result.units} units, ${result.members} members, ${result.appointments} appointments, a Kongres with delegations, ${caseCount} synthetic cases, the Capacity Building of December 2025 (${training.classes} classes, ${training.participants} participants, ${training.certificates} certificates), ${cadre.confirmed} cadre stages confirmed and ${cadre.proposed} proposed, the 16 Days 2025 campaign (${campaigns.campaigns} campaigns, ${campaigns.activities} activities), ${library.materials} published materials, the Joint Commitment v1 (${commitment.adoptions} adoptions and co-signatures, ${commitment.signatures} member signatures), ${agreements.agreements} collective agreements (${agreements.codings} clause codings).`,
  );
  say('Staff accounts (demo only; case roles enrol TOTP at first sign-in):');
  for (const account of result.accounts)
    say(
      `  ${account.role.padEnd(17)} ${account.unit.padEnd(12)} ${account.email.padEnd(48)} ${account.password}`,
    );
} catch (error) {
  if (error instanceof DemoRefusedError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
} finally {
  await db.destroy();
  await embedded?.stop();
}
