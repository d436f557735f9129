import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import { RECEIPT_CODE_LENGTH } from '../../shared/commitment-taxonomies.ts';
import { groupCode, normaliseCheckedCode } from '../platform/check-codes.ts';
import type { CommitmentService } from '../modules/commitment/commitment.service.ts';
import type { PublicPageKit } from './public-page-kit.ts';
import type { FieldErrors } from './report-form.ts';
import { spentTokensRepository as spentTokens } from './spent-tokens.repository.ts';
import type { ThrottlePurpose } from './throttle.ts';
import { formTokenExpiry, openSpentReceipt, sealSpentReceipt, spentTokenId } from './tokens.ts';
import { warning, type PageContext } from './views/layout.tsx';
import {
  PledgeCheckPage,
  PledgeDonePage,
  PledgePage,
  PledgeStatusPage,
  type PledgeFormValues,
} from './views/commitment-pages.tsx';

/** What the pages need of the commitment module (its public half). */
export type PublicCommitmentService = Pick<
  CommitmentService,
  'activeText' | 'publicRegions' | 'publicCounters' | 'signPublic' | 'viewByReceipt' | 'withdrawByReceipt'
>;

/** What a spent pledge token remembers (sealed with a key from the token itself): the first answer. */
interface SpentPledge {
  receipt: string;
  versionNumber: number;
}

/** Thrown inside the pledge's transaction when its form token was spent meanwhile (undoes the pledge). */
class TokenSpent extends Error {}

const field = (body: unknown, name: string, max = 200): string | undefined => {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, max) : undefined;
};

/** The pledge form, read: the service's input, or the fields to mark. */
function readPledge(values: PledgeFormValues, regionIds: ReadonlySet<number>) {
  const errors: FieldErrors = {};
  const name = values.name?.trim() ?? '';
  if (!name) errors.name = { key: 'fields.pledgeName' };
  const memberNumber = values.memberNumber?.trim() ?? '';
  const birthYear = values.birthYear?.trim() ?? '';
  const year = /^[0-9]{4}$/.test(birthYear) ? Number(birthYear) : NaN;
  if (memberNumber && !(year >= 1900 && year <= 2100)) errors.birthYear = { key: 'fields.pledgeBirthYear' };
  if (!memberNumber && birthYear) errors.memberNumber = { key: 'fields.pledgeMemberNumber' };
  const region = Number(values.region);
  const sex = values.sex === 'P' || values.sex === 'L' ? values.sex : null;
  if (Object.keys(errors).length > 0) return { errors } as const;
  return {
    input: {
      name,
      member: memberNumber ? { number: memberNumber, birthYear: year } : null,
      organisation: values.organisation?.trim() || null,
      sex,
      regionId: regionIds.has(region) ? region : null,
      publicName: values.publicName === 'on',
    },
  } as const;
}

/**
 * The Joint Commitment's public pages, inside the public pages' scope (no cookie, form tokens, quiet
 * logs, no stored address or user agent):
 * - /komitmen: the active version's text and points, the counters by DPD, and the pledge form. Its answer
 *   is one page with a fresh receipt code, whatever happened (see commitment.service.ts signPublic), so
 *   nothing tells whether a member number matched or had signed before. A form token is good for one
 *   pledge: a resend shows the first receipt again (spent_form_tokens, as the report form).
 * - /komitmen/cek: her receipt shows her signature; withdrawing takes two POSTs (ask, then confirm),
 *   never a link. Wrong codes get one generic answer; lookups are throttled like the report receipt.
 */
export function registerCommitmentPages(
  app: FastifyInstance,
  kit: PublicPageKit,
  commitment: PublicCommitmentService,
) {
  const { db, keys, clock } = kit;
  const throttled = async (purpose: ThrottlePurpose, request: FastifyRequest, reply: FastifyReply) => {
    const allowed = await kit.throttle(purpose, request);
    if (allowed.allowed) return null;
    void reply.header('retry-after', String(allowed.retryAfterSeconds));
    return kit.minutes(allowed.retryAfterSeconds);
  };

  const pledgePage = async (
    page: PageContext,
    props: Partial<Pick<Parameters<typeof PledgePage>[0], 'values' | 'errors' | 'notice'>> = {},
  ) => {
    const [text, regions, counters] = await Promise.all([
      commitment.activeText(),
      commitment.publicRegions(),
      commitment.publicCounters(),
    ]);
    return createElement(PledgePage, {
      page,
      text,
      regions,
      counters: (counters?.regions ?? []).map((row) => ({
        name: row.name ?? page.t('pledge.regionNone'),
        count: row.count,
      })),
      total: counters?.total ?? '0',
      formToken: kit.formToken('pledge'),
      ...props,
    });
  };
  const donePage = (page: PageContext, spent: SpentPledge) =>
    createElement(PledgeDonePage, {
      page,
      versionNumber: spent.versionNumber,
      receipt: groupCode(spent.receipt),
    });
  const spentPledge = async (token: string) => {
    const sealed = await spentTokens.find(db, spentTokenId(keys.form, token));
    return sealed ? openSpentReceipt<SpentPledge>(keys.form, token, sealed) : null;
  };

  app.get('/komitmen', async (request, reply) => kit.send(reply, 200, await pledgePage(kit.pageOf(request))));

  app.post('/komitmen', { compress: false }, async (request, reply) => {
    const page = kit.pageOf(request);
    const { t } = page;
    const values: PledgeFormValues = {
      name: field(request.body, 'name'),
      memberNumber: field(request.body, 'memberNumber', 40),
      birthYear: field(request.body, 'birthYear', 10),
      organisation: field(request.body, 'organisation'),
      region: field(request.body, 'region', 12),
      sex: field(request.body, 'sex', 2),
      publicName: field(request.body, 'publicName', 4),
    };
    const token = field(request.body, '_token');
    if (!kit.tokenValid('pledge', token))
      return kit.send(
        reply,
        403,
        await pledgePage(page, {
          values,
          notice: warning(t('notice.expiredReload'), t('notice.expiredHeading')),
        }),
      );
    const spent = await spentPledge(token!);
    if (spent) return kit.send(reply, 200, donePage(page, spent));

    const regions = await commitment.publicRegions();
    const read = readPledge(values, new Set(regions.map((region) => region.id)));
    if ('errors' in read)
      return kit.send(reply, 422, await pledgePage(page, { values, errors: read.errors }));
    const text = await commitment.activeText();
    if (!text) return kit.send(reply, 409, await pledgePage(page));

    const minutes = await throttled('pledge', request, reply);
    if (minutes !== null)
      return kit.send(
        reply,
        429,
        await pledgePage(page, {
          values,
          notice: warning(t('pledge.throttled', { minutes }), t('notice.throttledHeading')),
        }),
      );
    try {
      const receipt = await commitment.signPublic(read.input, async (tx, code) => {
        const answer: SpentPledge = { receipt: code, versionNumber: text.number };
        const spentNow = await spentTokens.spend(tx, {
          tokenId: spentTokenId(keys.form, token!),
          sealedReceipt: sealSpentReceipt(keys.form, token!, answer),
          expiresAt: formTokenExpiry(token!) ?? clock.now(),
        });
        if (!spentNow) throw new TokenSpent();
      });
      return kit.send(reply, 200, donePage(page, { receipt, versionNumber: text.number }));
    } catch (error) {
      if (!(error instanceof TokenSpent)) throw error;
      const first = await spentPledge(token!);
      if (first) return kit.send(reply, 200, donePage(page, first));
      throw error;
    }
  });

  // ── Checking and withdrawing with the receipt ─────────────────────────────────────────────────────
  const checkPage = (page: PageContext, message?: string) =>
    createElement(PledgeCheckPage, { page, formToken: kit.formToken('pledgeCheck'), message });

  app.get('/komitmen/cek', async (request, reply) => kit.send(reply, 200, checkPage(kit.pageOf(request))));
  // A reload of the withdraw form's address: back to the receipt form.
  app.get('/komitmen/cek/tarik', async (request, reply) =>
    kit.send(reply, 200, checkPage(kit.pageOf(request))),
  );

  for (const url of ['/komitmen/cek', '/komitmen/cek/tarik'] as const) {
    app.post(url, { compress: false }, async (request, reply) => {
      const page = kit.pageOf(request);
      const { t } = page;
      if (!kit.tokenValid('pledgeCheck', field(request.body, '_token')))
        return kit.send(reply, 403, checkPage(page, t('notice.expiredReload')));
      const minutes = await throttled('pledgeLookup', request, reply);
      if (minutes !== null) return kit.send(reply, 429, checkPage(page, t('pledge.throttled', { minutes })));
      const receipt = field(request.body, 'receipt', 40) ?? '';
      const answer = field(request.body, 'answer', 4);
      const withdrawing = url === '/komitmen/cek/tarik' && answer === 'yes';
      const view = withdrawing
        ? await commitment.withdrawByReceipt(receipt)
        : await commitment.viewByReceipt(receipt);
      // One answer for every failure (malformed, unknown, wrong): it must not tell a guess apart.
      if (!view) return kit.send(reply, 404, checkPage(page, t('pledge.notFound')));
      return kit.send(
        reply,
        200,
        createElement(PledgeStatusPage, {
          page,
          view,
          // Her own code, as the server read it (a page that answered 200 had a valid one).
          receipt: normaliseCheckedCode(receipt, RECEIPT_CODE_LENGTH) ?? '',
          formToken: kit.formToken('pledgeCheck'),
          confirming: url === '/komitmen/cek/tarik' && answer === undefined,
          withdrawn: withdrawing,
        }),
      );
    });
  }
}
