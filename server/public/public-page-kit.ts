import type { ThrottlePurpose, ThrottleResult } from './throttle.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import type { Clock } from '../platform/context.ts';
import type { Db } from '../platform/database.ts';
import type { FormPurpose, PublicKeys } from './tokens.ts';
import type { PageContext } from './views/layout.tsx';

/** What public.routes.ts hands the page families registered inside its scope (check-in, verification). */
export interface PublicPageKit {
  db: Db;
  keys: PublicKeys;
  clock: Clock;
  pageOf(request: FastifyRequest): PageContext;
  send(reply: FastifyReply, status: number, element: ReactNode): FastifyReply;
  formToken(purpose: FormPurpose): string;
  tokenValid(purpose: FormPurpose, token: string | undefined): boolean;
  /** Whole minutes (at least 1) for "wait about N minutes". */
  minutes(seconds: number): number;
  /** Counts one attempt of the visitor for `purpose` (throttle.ts `takeThrottle`, administrators told). */
  throttle(purpose: ThrottlePurpose, request: FastifyRequest): Promise<ThrottleResult>;
}
