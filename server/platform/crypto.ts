import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db, DbOrTx } from './database.ts';

/**
 * Envelope encryption: each record (later: each case) gets its own 256-bit data key; data keys are stored
 * wrapped by the master key, which never enters the database. A dump alone reveals no sealed content.
 * Rotation re-wraps data keys under a new master key without touching the sealed data.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FINGERPRINT_SETTING = 'master_key_fingerprint';

export interface MasterKey {
  key: Buffer;
  fingerprint: string;
}

export class MasterKeyError extends Error {}

/** A stable, non-reversible identifier of a master key, safe to store and print. */
export function fingerprintOf(key: Buffer): string {
  return createHash('sha256').update('setara-master-key-fingerprint:').update(key).digest('hex').slice(0, 32);
}

export function masterKeyFrom(key: Buffer): MasterKey {
  if (key.length !== KEY_BYTES) throw new MasterKeyError(`A master key must be ${KEY_BYTES} bytes`);
  return { key, fingerprint: fingerprintOf(key) };
}

export function parseMasterKey(text: string): MasterKey {
  return masterKeyFrom(Buffer.from(text.trim(), 'base64'));
}

export function generateMasterKey(): MasterKey {
  return masterKeyFrom(randomBytes(KEY_BYTES));
}

/** Writes a key file readable by its owner only (folder 0700, file 0600); never overwrites. */
export async function writeKeyFile(file: string, masterKey: MasterKey): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.chmod(path.dirname(file), 0o700);
  await fs.writeFile(file, `${masterKey.key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
}

/**
 * Takes the master key from the environment when given, else from the key file. A key file is created
 * (with a fresh random key) only on a genuinely fresh install: when the database holds no key
 * fingerprint and no data key. With existing data and no key, it refuses without writing anything, so a
 * lost or misplaced key file is never papered over by a new, wrong one.
 */
export async function loadOrCreateMasterKey(options: {
  keyFromEnvironment?: string;
  keyFile: string;
  /** The database the key is for; asked whether it already holds sealed data. */
  db: DbOrTx;
}): Promise<{ masterKey: MasterKey; created: boolean; source: string }> {
  if (options.keyFromEnvironment) {
    return {
      masterKey: parseMasterKey(options.keyFromEnvironment),
      created: false,
      source: 'SETARA_MASTER_KEY',
    };
  }
  if (existsSync(options.keyFile)) {
    return {
      masterKey: parseMasterKey(readFileSync(options.keyFile, 'utf8')),
      created: false,
      source: options.keyFile,
    };
  }
  const stored = await options.db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', FINGERPRINT_SETTING)
    .executeTakeFirst();
  const dataKey = await options.db.selectFrom('data_keys').select('id').limit(1).executeTakeFirst();
  if (stored || dataKey) {
    throw new MasterKeyError(
      `No master key: ${options.keyFile} does not exist and SETARA_MASTER_KEY is not set, but this ` +
        `database already holds sealed data${stored ? ` (key fingerprint ${String(stored.value)})` : ''}. ` +
        `Put the key file back (from your key backup) or set SETARA_MASTER_KEY; nothing was written.`,
    );
  }
  const masterKey = generateMasterKey();
  await writeKeyFile(options.keyFile, masterKey);
  return { masterKey, created: true, source: options.keyFile };
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function decrypt(key: Buffer, blob: Buffer, aad: string): Buffer {
  if (blob.length < IV_BYTES + TAG_BYTES) throw new Error('Sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Wraps a data key under the master key; the data key id is bound as associated data. */
export function wrapDataKey(master: MasterKey, dataKeyId: string, dataKey: Buffer): Buffer {
  return encrypt(master.key, dataKey, `data-key:${dataKeyId}`);
}

export function unwrapDataKey(master: MasterKey, dataKeyId: string, wrapped: Buffer): Buffer {
  return decrypt(master.key, wrapped, `data-key:${dataKeyId}`);
}

/**
 * Seals `plaintext` under a data key. `context` (e.g. `users.totp_secret:<user id>`) is bound as
 * associated data, so a sealed value copied into another row or column does not open.
 */
export function sealWithKey(
  dataKeyId: string,
  dataKey: Buffer,
  plaintext: Buffer | string,
  context: string,
): string {
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return `v1.${dataKeyId}.${encrypt(dataKey, data, context).toString('base64url')}`;
}

export function parseEnvelope(envelope: string): { dataKeyId: string; blob: Buffer } {
  const [version, dataKeyId, body] = envelope.split('.');
  if (version !== 'v1' || !dataKeyId || !body) throw new Error('Unknown envelope format');
  return { dataKeyId, blob: Buffer.from(body, 'base64url') };
}

export interface Keyring {
  readonly fingerprint: string;
  /** Creates and stores a new wrapped data key (inside the caller's transaction when given). */
  createDataKey(purpose: string, db?: DbOrTx): Promise<string>;
  seal(dataKeyId: string, plaintext: Buffer | string, context: string, db?: DbOrTx): Promise<string>;
  open(envelope: string, context: string, db?: DbOrTx): Promise<Buffer>;
  openText(envelope: string, context: string, db?: DbOrTx): Promise<string>;
  /** The shared data key for platform secrets (TOTP seeds), created on first use. */
  platformKeyId(): Promise<string>;
  /**
   * A 256-bit secret for one purpose (receipt hashing, match tokens), created on first use and stored
   * only wrapped by the master key, like a data key: a dump alone cannot test guesses against keyed
   * hashes, and key rotation re-wraps it, so receipts keep working after a rotation.
   */
  secretFor(purpose: string): Promise<Buffer>;
}

/** The one place that turns sealed columns into plaintext and back; repositories call it. */
export function createKeyring(db: Db, master: MasterKey): Keyring {
  const cache = new Map<string, Buffer>();
  let platformKey: string | undefined;

  async function dataKey(id: string, handle: DbOrTx): Promise<Buffer> {
    const cached = cache.get(id);
    if (cached) return cached;
    const row = await handle
      .selectFrom('data_keys')
      .select(['wrapped'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new Error('Data key not found');
    const key = unwrapDataKey(master, id, row.wrapped);
    cache.set(id, key);
    return key;
  }

  const keyring: Keyring = {
    fingerprint: master.fingerprint,
    async secretFor(purpose) {
      const id = await db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`setara.secret:${purpose}`}))`.execute(tx);
        const existing = await tx
          .selectFrom('data_keys')
          .select('id')
          .where('purpose', '=', `secret:${purpose}`)
          .orderBy('created_at')
          .executeTakeFirst();
        return existing?.id ?? (await keyring.createDataKey(`secret:${purpose}`, tx));
      });
      return dataKey(id, db);
    },
    async createDataKey(purpose, handle = db) {
      const { id } = await handle
        .insertInto('data_keys')
        .values({ purpose, wrapped: Buffer.alloc(0), master_fingerprint: master.fingerprint })
        .returning('id')
        .executeTakeFirstOrThrow();
      const key = randomBytes(KEY_BYTES);
      await handle
        .updateTable('data_keys')
        .set({ wrapped: wrapDataKey(master, id, key) })
        .where('id', '=', id)
        .execute();
      cache.set(id, key);
      return id;
    },
    async seal(dataKeyId, plaintext, context, handle = db) {
      return sealWithKey(dataKeyId, await dataKey(dataKeyId, handle), plaintext, context);
    },
    async open(envelope, context, handle = db) {
      const { dataKeyId, blob } = parseEnvelope(envelope);
      return decrypt(await dataKey(dataKeyId, handle), blob, context);
    },
    async openText(envelope, context, handle = db) {
      return (await keyring.open(envelope, context, handle)).toString('utf8');
    },
    async platformKeyId() {
      if (platformKey) return platformKey;
      // Serialise creation so two instances starting together do not create two platform keys.
      platformKey = await db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext('setara.platform-data-key'))`.execute(tx);
        const existing = await tx
          .selectFrom('data_keys')
          .select('id')
          .where('purpose', '=', 'platform')
          .orderBy('created_at')
          .executeTakeFirst();
        return existing?.id ?? (await keyring.createDataKey('platform', tx));
      });
      return platformKey;
    },
  };
  return keyring;
}

/**
 * Records the key's fingerprint on first start; afterwards refuses a key that does not match, since
 * that key could not open anything sealed so far.
 */
export async function checkMasterKeyFingerprint(
  db: Db,
  master: MasterKey,
  source: string,
): Promise<'recorded' | 'matched'> {
  const row = await db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', FINGERPRINT_SETTING)
    .executeTakeFirst();
  if (!row) {
    await db
      .insertInto('system_settings')
      .values({ key: FINGERPRINT_SETTING, value: JSON.stringify(master.fingerprint) })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    return 'recorded';
  }
  if (row.value !== master.fingerprint) {
    throw new MasterKeyError(
      `The master key from ${source} (fingerprint ${master.fingerprint}) does not match the key this ` +
        `database was sealed with (fingerprint ${String(row.value)}). Restore the right key file or set ` +
        `SETARA_MASTER_KEY to it; without that key, sealed data cannot be read.`,
    );
  }
  return 'matched';
}

export async function readStoredFingerprint(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', FINGERPRINT_SETTING)
    .executeTakeFirst();
  return row ? String(row.value) : undefined;
}

/**
 * Re-wraps every data key under `next` in one transaction and records the new fingerprint. Sealed data
 * is untouched: only the small wrapped keys change.
 */
export async function rotateMasterKey(db: Db, current: MasterKey, next: MasterKey): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('setara.key-rotation'))`.execute(tx);
    const stored = await tx
      .selectFrom('system_settings')
      .select('value')
      .where('key', '=', FINGERPRINT_SETTING)
      .forUpdate()
      .executeTakeFirst();
    if (stored && stored.value !== current.fingerprint) {
      throw new MasterKeyError('The current master key does not match the database');
    }
    const keys = await tx.selectFrom('data_keys').select(['id', 'wrapped']).execute();
    for (const row of keys) {
      const plain = unwrapDataKey(current, row.id, row.wrapped);
      await tx
        .updateTable('data_keys')
        .set({
          wrapped: wrapDataKey(next, row.id, plain),
          master_fingerprint: next.fingerprint,
          rewrapped_at: new Date(),
        })
        .where('id', '=', row.id)
        .execute();
    }
    await tx
      .insertInto('system_settings')
      .values({ key: FINGERPRINT_SETTING, value: JSON.stringify(next.fingerprint) })
      .onConflict((conflict) =>
        conflict
          .column('key')
          .doUpdateSet({ value: JSON.stringify(next.fingerprint), updated_at: new Date() }),
      )
      .execute();
    return keys.length;
  });
}
