import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.SETARA_EMBEDDED_PG_PORT).not.toBe(5432);
    expect(config.SESSION_IDLE_MINUTES).toBe(30);
    expect(config.SESSION_ABSOLUTE_HOURS).toBe(12);
    expect(config.SETARA_UNIT_LEVELS).toEqual(['DPP', 'DPD', 'DPC', 'PSP', 'PA']);
    expect(config.keyFile).toMatch(/data\/keys\/master\.key$/);
  });
  it('lists every bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/,
    );
  });
  it('refuses 5432 for the embedded database', () => {
    expect(() => loadConfig({ SETARA_EMBEDDED_PG_PORT: '5432' })).toThrow(ConfigError);
  });
  it('trusts forwarded headers from loopback only, unless SETARA_TRUSTED_PROXIES says otherwise', () => {
    expect(loadConfig({}).SETARA_TRUSTED_PROXIES).toEqual(['127.0.0.1', '::1']);
    expect(loadConfig({ SETARA_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7' }).SETARA_TRUSTED_PROXIES).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
    ]);
    expect(() => loadConfig({ SETARA_TRUSTED_PROXIES: 'true' })).toThrow(/SETARA_TRUSTED_PROXIES/);
    expect(() => loadConfig({ SETARA_TRUSTED_PROXIES: '*' })).toThrow(/SETARA_TRUSTED_PROXIES/);
  });
});
