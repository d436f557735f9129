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
});
