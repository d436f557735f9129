import type { FastifyInstance } from 'fastify';
import type { MasterKey } from '../platform/crypto.ts';
import type { Db } from '../platform/database.ts';
import type { CasesService } from '../modules/cases/cases.service.ts';

/** The public, server-rendered reporting pages (/lapor). Work in progress. */
export async function publicRoutes(
  _app: FastifyInstance,
  _options: { casesService: CasesService; masterKey: MasterKey; db: Db },
): Promise<void> {}
