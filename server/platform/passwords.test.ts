import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { assertPasswordAcceptable, hashPassword, isCommonPassword, verifyPassword } from './passwords.ts';

describe('password policy', () => {
  it.each([
    ['short', 'Pendek1!', ['too_short']],
    ['common', 'password123', ['common']],
    ['common regardless of case', 'QWERTYUIOP', ['common']],
    ['same as the email name', 'siti.rahayu@spn.or.id', ['same_as_email']],
  ])('refuses a %s password', (_label, password, reasons) => {
    try {
      assertPasswordAcceptable(password, { email: 'siti.rahayu@spn.or.id' });
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('weak_password');
      expect((error as AppError).details?.reasons).toEqual(reasons);
    }
  });
  it('accepts a long uncommon password, counting characters not bytes', () => {
    expect(() => assertPasswordAcceptable('Serikat-Setara-2026')).not.toThrow();
    expect(() => assertPasswordAcceptable('ñññññññññ')).toThrow(AppError);
  });
  it('knows the common list', () => {
    expect(isCommonPassword('123456789')).toBe(true);
    expect(isCommonPassword('Kopi-Tubruk-Serang-77')).toBe(false);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password only, and stores Argon2id', async () => {
    const hash = await hashPassword('Benar-Sekali-2026');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'Benar-Sekali-2026')).toBe(true);
    expect(await verifyPassword(hash, 'Salah-Sekali-2026')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
