import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import {
  checkMasterKeyFingerprint,
  createKeyring,
  generateMasterKey,
  loadOrCreateMasterKey,
  MasterKeyError,
  rotateMasterKey,
  sealWithKey,
} from './crypto.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('key file', () => {
  it('creates a 256-bit key with mode 0600 in a 0700 folder, then reads the same key back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'setara-key-'));
    const keyFile = path.join(dir, 'keys', 'master.key');
    const first = await loadOrCreateMasterKey({ keyFile, db: test.db });
    expect(first.created).toBe(true);
    expect(first.masterKey.key.length).toBe(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    const second = await loadOrCreateMasterKey({ keyFile, db: test.db });
    expect(second.created).toBe(false);
    expect(second.masterKey.fingerprint).toBe(first.masterKey.fingerprint);
  });
  it('prefers SETARA_MASTER_KEY over the file', async () => {
    const key = generateMasterKey();
    const loaded = await loadOrCreateMasterKey({
      keyFromEnvironment: key.key.toString('base64'),
      keyFile: '/nonexistent/key',
      db: test.db,
    });
    expect(loaded.masterKey.fingerprint).toBe(key.fingerprint);
  });
  it('refuses, writing nothing, when the key file is missing but the database already holds sealed data', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'setara-key-'));
    const keyFile = path.join(dir, 'keys', 'master.key');
    const other = await createTestDatabase();
    try {
      // A data key alone (no fingerprint recorded yet) already means sealed data exists.
      await createKeyring(other.db, generateMasterKey()).createDataKey('case');
      await expect(loadOrCreateMasterKey({ keyFile, db: other.db })).rejects.toThrow(MasterKeyError);
      // And with the fingerprint recorded, as after any start.
      await checkMasterKeyFingerprint(other.db, generateMasterKey(), 'test');
      await expect(loadOrCreateMasterKey({ keyFile, db: other.db })).rejects.toThrow(/nothing was written/);
      expect(existsSync(keyFile)).toBe(false);
      expect(existsSync(path.dirname(keyFile))).toBe(false);
    } finally {
      await other.drop();
    }
  });
});

describe('envelope encryption', () => {
  it('seals and opens; the ciphertext does not contain the plaintext', async () => {
    const keyring = createKeyring(test.db, generateMasterKey());
    const keyId = await keyring.createDataKey('case');
    const sealed = await keyring.seal(keyId, 'Pelaku adalah mandor lini 3', 'cases.narrative:42');
    expect(sealed).not.toContain('mandor');
    expect(await keyring.openText(sealed, 'cases.narrative:42')).toBe('Pelaku adalah mandor lini 3');
  });
  it('refuses to open a sealed value moved to another record (context bound)', async () => {
    const keyring = createKeyring(test.db, generateMasterKey());
    const keyId = await keyring.createDataKey('case');
    const sealed = await keyring.seal(keyId, 'rahasia', 'cases.narrative:1');
    await expect(keyring.open(sealed, 'cases.narrative:2')).rejects.toThrow();
  });
  it('detects tampering', async () => {
    const keyring = createKeyring(test.db, generateMasterKey());
    const keyId = await keyring.createDataKey('case');
    const sealed = await keyring.seal(keyId, 'rahasia', 'ctx');
    const body = sealed.split('.')[2]!;
    // Replace the second-to-last character (always a full 6 bits of data) with a different one.
    const replaced = body.at(-2) === 'A' ? 'B' : 'A';
    const flipped = `${sealed.slice(0, sealed.length - body.length)}${body.slice(0, -2)}${replaced}${body.slice(-1)}`;
    await expect(keyring.open(flipped, 'ctx')).rejects.toThrow();
  });
  it('a different master key cannot unwrap the data keys', async () => {
    const keyring = createKeyring(test.db, generateMasterKey());
    const keyId = await keyring.createDataKey('case');
    const sealed = await keyring.seal(keyId, 'rahasia', 'ctx');
    await expect(createKeyring(test.db, generateMasterKey()).open(sealed, 'ctx')).rejects.toThrow();
  });
  it('stores only wrapped data keys', async () => {
    const keyring = createKeyring(test.db, generateMasterKey());
    const keyId = await keyring.createDataKey('case');
    const row = await test.db
      .selectFrom('data_keys')
      .select(['wrapped'])
      .where('id', '=', keyId)
      .executeTakeFirstOrThrow();
    expect(row.wrapped.length).toBe(12 + 16 + 32);
    expect(sealWithKey(keyId, Buffer.alloc(32), 'x', 'c')).toMatch(/^v1\./);
  });
});

describe('fingerprint check and rotation', () => {
  it('records the fingerprint, then refuses another key with a clear message', async () => {
    const own = await createTestDatabase();
    try {
      const key = generateMasterKey();
      expect(await checkMasterKeyFingerprint(own.db, key, 'test')).toBe('recorded');
      expect(await checkMasterKeyFingerprint(own.db, key, 'test')).toBe('matched');
      await expect(
        checkMasterKeyFingerprint(own.db, generateMasterKey(), '/data/keys/master.key'),
      ).rejects.toThrow(MasterKeyError);
      await expect(
        checkMasterKeyFingerprint(own.db, generateMasterKey(), '/data/keys/master.key'),
      ).rejects.toThrow(/does not match/);
    } finally {
      await own.drop();
    }
  });
  it('rotation re-wraps data keys: old sealed data opens with the new key, not with the old', async () => {
    const own = await createTestDatabase();
    try {
      const oldKey = generateMasterKey();
      await checkMasterKeyFingerprint(own.db, oldKey, 'test');
      const before = createKeyring(own.db, oldKey);
      const keyId = await before.createDataKey('case');
      const sealed = await before.seal(keyId, 'kronologi kejadian', 'ctx');
      const newKey = generateMasterKey();
      expect(await rotateMasterKey(own.db, oldKey, newKey)).toBe(1);
      expect(await createKeyring(own.db, newKey).openText(sealed, 'ctx')).toBe('kronologi kejadian');
      await expect(createKeyring(own.db, oldKey).open(sealed, 'ctx')).rejects.toThrow();
      expect(await checkMasterKeyFingerprint(own.db, newKey, 'test')).toBe('matched');
      await expect(rotateMasterKey(own.db, oldKey, generateMasterKey())).rejects.toThrow(MasterKeyError);
    } finally {
      await own.drop();
    }
  });
  it('purpose secrets are created once, stored only wrapped, and survive rotation unchanged', async () => {
    const own = await createTestDatabase();
    try {
      const oldKey = generateMasterKey();
      await checkMasterKeyFingerprint(own.db, oldKey, 'test');
      const first = await createKeyring(own.db, oldKey).secretFor('receipt');
      expect(first.length).toBe(32);
      // Another instance gets the same secret; another purpose a different one.
      expect((await createKeyring(own.db, oldKey).secretFor('receipt')).equals(first)).toBe(true);
      expect((await createKeyring(own.db, oldKey).secretFor('match')).equals(first)).toBe(false);
      const rows = await own.db.selectFrom('data_keys').select(['purpose', 'wrapped']).execute();
      expect(rows.filter((row) => row.purpose === 'secret:receipt')).toHaveLength(1);
      expect(rows.some((row) => row.wrapped.includes(first))).toBe(false);
      const newKey = generateMasterKey();
      await rotateMasterKey(own.db, oldKey, newKey);
      expect((await createKeyring(own.db, newKey).secretFor('receipt')).equals(first)).toBe(true);
    } finally {
      await own.drop();
    }
  });
});
