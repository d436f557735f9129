import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createMatchTokenizer,
  decideMatch,
  matchKeys,
  normaliseEmployeeNumber,
  normaliseName,
  normalisePhone,
  normaliseReporterContact,
  normaliseWorkplace,
  type TokenHolder,
} from './escrow.ts';

const tokenizer = createMatchTokenizer(randomBytes(32));
const nameToken = (name: string, workplace: string) =>
  tokenizer.tokens({ name, workplace }).find((token) => token.kind === 'name_workplace')?.token;

describe('name normalisation', () => {
  it.each([
    ['Muhammad Soedjono', 'M. Sudjono'],
    ['Muhammad Soedjono', 'Moch. Sujono'],
    ['Muhammad Soedjono', 'Mohammad Suyono'],
    ['Muhammad Soedjono', 'MUHAMAD  SOEJONO'],
    ['Muhammad Soedjono', 'Bapak H. Muhammad Sudjono, S.E., M.M.'],
    ['Muhammad Soedjono', 'pak Mochammad Sujono'],
    ['Tjahjo Kumolo', 'Cahyo Kumolo'],
    ['Chairul Anwar', 'Khairul Anwar'],
    ['Sjamsul Bahri', 'Syamsul Bahri'],
    ['Njoman Sudiro', 'Nyoman Sudiro'],
    ['Ibu Hj. Siti Aminah', 'Siti Aminah'],
    ['Dr. Ir. Budi Santoso', 'budi santoso'],
    ['Usman Hakim', 'Ussman Hakiem'.replace('ie', 'i')],
    ['Anissa Putri', 'Anisa Putri'],
    ['Sri Rahayu', 'Sri Rahaju'],
  ])('%s and %s agree', (left, right) => {
    expect(normaliseName(left)).not.toBeNull();
    expect(normaliseName(left)).toBe(normaliseName(right));
  });

  it.each([
    ['Budi Santoso', 'Budi Susanto'],
    ['Budi Santoso', 'Budi'],
    ['Siti Aminah', 'Siti Aisyah'],
    ['Joko Widodo', 'Joko Widada'],
    ['Muhammad Rizki', 'Ahmad Rizki'],
  ])('%s and %s differ', (left, right) => {
    expect(normaliseName(left)).not.toBe(normaliseName(right));
  });

  it('keeps nothing of titles alone, and a trailing initial is dropped', () => {
    expect(normaliseName('Bapak')).toBeNull();
    expect(normaliseName('  ')).toBeNull();
    expect(normaliseName('Budi S.')).toBe(normaliseName('Budi'));
  });
});

describe('workplace normalisation', () => {
  it.each([
    ['PT Sinar Djaya Tbk', 'Sinar Jaya'],
    ['PT. SINAR JAYA (Persero)', 'sinar jaya'],
    ['CV Maju Bersama', 'Maju  Bersama'],
  ])('%s and %s agree', (left, right) => {
    expect(normaliseWorkplace(left)).toBe(normaliseWorkplace(right));
  });
  it('tells different companies apart', () => {
    expect(normaliseWorkplace('PT Sinar Jaya')).not.toBe(normaliseWorkplace('PT Sinar Jati'));
    expect(normaliseWorkplace('PT')).toBeNull();
  });
});

describe('phone numbers in E.164', () => {
  it.each([
    '0812-3456-7890',
    '+62 812 3456 7890',
    '62812.3456.7890',
    '(0812) 34567890',
    '0062 812 3456 7890',
    '+62 0812 3456 7890',
    '812 3456 7890',
  ])('%s is +6281234567890', (input) => expect(normalisePhone(input)).toBe('+6281234567890'));
  it('keeps other countries and refuses what is not a number', () => {
    expect(normalisePhone('+60 12 345 6789')).toBe('+60123456789');
    expect(normalisePhone('0812 abc')).toBeNull();
    expect(normalisePhone('123')).toBeNull();
    expect(normalisePhone('08123456789')).not.toBe(normalisePhone('08123456780'));
  });
});

describe('employee numbers', () => {
  it.each(['00123 456', '123456', ' 0 0123-456 ', '000123.456'])('%s is 123456', (input) =>
    expect(normaliseEmployeeNumber(input)).toBe('123456'),
  );
  it('drops leading zeros after letters and ignores case', () => {
    expect(normaliseEmployeeNumber('emp-000742')).toBe('EMP742');
    expect(normaliseEmployeeNumber('EMP 742')).toBe('EMP742');
    expect(normaliseEmployeeNumber('EMP742')).not.toBe(normaliseEmployeeNumber('EMP743'));
    expect(normaliseEmployeeNumber('abc')).toBeNull();
  });
});

describe('match keys and tokens', () => {
  it('needs the workplace with a name or an employee number; a phone counts alone', () => {
    expect(matchKeys({ name: 'Budi Santoso' })).toEqual([]);
    expect(matchKeys({ employeeNumber: '123' })).toEqual([]);
    expect(matchKeys({ phone: '0812 3456 7890' }).map((key) => key.kind)).toEqual(['phone']);
    expect(
      matchKeys({ name: 'Budi', workplace: 'PT A Jaya', employeeNumber: '01', phone: '08123456789' }).map(
        (key) => key.kind,
      ),
    ).toEqual(['name_workplace', 'phone', 'employee_number']);
  });

  it('agree across spellings and differ across people', () => {
    expect(nameToken('Moch. Soedjono', 'PT Sinar Djaya Tbk')).toBe(
      nameToken('Muhammad Sujono', 'Sinar Jaya'),
    );
    expect(nameToken('Moch. Soedjono', 'PT Sinar Djaya')).not.toBe(nameToken('Moch. Soedjono', 'PT Maju'));
    expect(tokenizer.tokens({ phone: '0812-3456-7890' })[0]!.token).toBe(
      tokenizer.tokens({ phone: '+6281234567890' })[0]!.token,
    );
  });

  it('cannot be recomputed without the key: plain SHA-256 or an HMAC under another key do not match', () => {
    const [key] = matchKeys({ name: 'Muhammad Sujono', workplace: 'Sinar Jaya' });
    const stored = nameToken('Muhammad Sujono', 'Sinar Jaya')!;
    const guesses = [
      createHash('sha256').update(key!.value).digest('hex'),
      createHash('sha256').update(`escrow-match:name_workplace\0${key!.value}`).digest('hex'),
      createHmac('sha256', randomBytes(32))
        .update(`escrow-match:name_workplace\0${key!.value}`)
        .digest('hex'),
      createMatchTokenizer(randomBytes(32)).token('name_workplace', key!.value),
    ];
    for (const guess of guesses) expect(guess).not.toBe(stored);
    expect(stored).not.toContain('sujono');
  });

  it('recognises the reporter by her contact, phone in any form or email in any case', () => {
    const a = tokenizer.reporterToken(normaliseReporterContact('whatsapp', '0812 1111 2222'));
    const b = tokenizer.reporterToken(normaliseReporterContact('phone', '+62 812-1111-2222'));
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(normaliseReporterContact('email', ' Ani@Mail.ID ')).toBe('email:ani@mail.id');
    expect(normaliseReporterContact('none', 'x')).toBeNull();
  });
});

describe('deciding a match', () => {
  const holder = (
    caseId: string,
    kind: TokenHolder['kind'],
    reporterToken: string | null = null,
  ): TokenHolder => ({
    caseId,
    kind,
    reporterToken,
  });

  it('opens every sealed report when a sealed report meets another', () => {
    const result = decideMatch(holder('b', 'sealed'), [holder('a', 'sealed')]);
    expect(result.toOpen.sort()).toEqual(['a', 'b']);
    expect(result.matched.map((h) => h.caseId)).toEqual(['a']);
  });

  it('opens the sealed report when it meets an ordinary case, and nothing for two ordinary cases', () => {
    expect(decideMatch(holder('b', 'sealed'), [holder('a', 'ordinary')]).toOpen).toEqual(['b']);
    expect(decideMatch(holder('b', 'ordinary'), [holder('a', 'sealed')]).toOpen).toEqual(['a']);
    expect(decideMatch(holder('b', 'ordinary'), [holder('a', 'ordinary')])).toEqual({
      matched: [],
      toOpen: [],
    });
  });

  it('never matches a case with itself or the same reporter twice', () => {
    expect(decideMatch(holder('a', 'sealed'), [holder('a', 'sealed')]).toOpen).toEqual([]);
    expect(decideMatch(holder('b', 'sealed', 'r1'), [holder('a', 'sealed', 'r1')]).toOpen).toEqual([]);
    expect(decideMatch(holder('b', 'sealed', 'r1'), [holder('a', 'sealed', 'r2')]).toOpen.sort()).toEqual([
      'a',
      'b',
    ]);
  });

  it('a report without a sealed partner stays sealed; an already opened one joins a new link', () => {
    expect(decideMatch(holder('b', 'sealed'), []).toOpen).toEqual([]);
    const result = decideMatch(holder('c', 'sealed'), [holder('a', 'opened'), holder('a', 'opened')]);
    expect(result.toOpen).toEqual(['c']);
    expect(result.matched).toHaveLength(1);
  });
});
