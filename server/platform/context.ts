import type { Principal } from './access.ts';
import type { Language } from '../../shared/roles.ts';

/** Who is acting, passed from routes to services (services never see Fastify). */
export interface Actor {
  userId: string;
  /** Readable label for the audit log (the account email). */
  label: string;
  principal: Principal;
  requestId: string;
  language: Language;
}

/** Injected time, so deadlines, expiries and throttles are testable. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
