import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createReceiptHasher, formatReceipt, generateReceipt, normaliseReceipt } from './receipt.ts';

describe('receipts', () => {
  it('are 16 random digits, grouped 4-4-4-4 for display', () => {
    const receipt = generateReceipt();
    expect(receipt).toMatch(/^\d{16}$/);
    expect(new Set(Array.from({ length: 50 }, () => generateReceipt())).size).toBe(50);
    expect(formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
    expect(generateReceipt(() => 7)).toBe('7777777777777777');
  });
  it('accept spaces, dashes and dots, and nothing else', () => {
    expect(normaliseReceipt('1234 5678-9012.3456')).toBe('1234567890123456');
    expect(normaliseReceipt('1234 5678 9012 345')).toBeNull();
    expect(normaliseReceipt('1234 5678 9012 345a')).toBeNull();
    expect(normaliseReceipt('12345678901234567')).toBeNull();
  });
  it('are verified only with the server secret: the same receipt under another key does not match', async () => {
    const secret = randomBytes(32);
    const hasher = createReceiptHasher(secret);
    const stored = await hasher.slowHash('1234567890123456');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain('1234567890123456');
    expect(await hasher.verify(stored, '1234567890123456')).toBe(true);
    expect(await hasher.verify(stored, '1234567890123457')).toBe(false);
    const other = createReceiptHasher(randomBytes(32));
    expect(await other.verify(stored, '1234567890123456')).toBe(false);
    expect(other.index('1234567890123456')).not.toBe(hasher.index('1234567890123456'));
  });
  it('index only 20 bits, so the index alone cannot confirm a guess', () => {
    const hasher = createReceiptHasher(randomBytes(32));
    expect(hasher.index('1234567890123456')).toMatch(/^[0-9a-f]{5}$/);
    expect(hasher.index('1234567890123456')).toBe(hasher.index('1234567890123456'));
  });
});
