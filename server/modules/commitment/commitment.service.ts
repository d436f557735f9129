import { AppError } from '../../../shared/errors.ts';
import type {
  CreateSignatureBody,
  CreatedSignature,
  CoverageQuery,
  CoverageResponse,
  CoverageRow,
  CreateVersionBody,
  DecideSignatureBody,
  ListSignaturesQuery,
  PaperListBody,
  PaperListDetail,
  PaperListResponse,
  SignatureDetail,
  SignatureView,
  VersionDetail,
  VersionSummary,
} from '../../../shared/contracts/commitment.ts';
import {
  coverageQuery,
  createSignatureBody,
  createVersionBody,
  decideSignatureBody,
  listSignaturesQuery,
  paperListBody,
} from '../../../shared/contracts/commitment.ts';
import {
  RECEIPT_CODE_LENGTH,
  signatureStatuses,
  type SignatureStatus,
} from '../../../shared/commitment-taxonomies.ts';
import { actorAudit } from '../../platform/audit.ts';
import { generateCheckedCode, normaliseCheckedCode } from '../../platform/check-codes.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { sniffUpload } from '../../platform/uploads.ts';
import {
  assertMayAuthorVersions,
  assertMayReadVersions,
  openMemberForSigning,
  openPaperList,
  openSignature,
  openSignatureByReceipt,
  openUnitForSigning,
  receiptHash,
  signatureScope,
  signatureScopeSqlFor,
} from './commitment-access.ts';
import { formatCell, protectList } from '../case-stats/suppression.ts';
import { canActivate, canMove, coverageBasisPoints, needsReason } from './commitment-rules.ts';
import { coverageRepository } from './coverage.repository.ts';
import { createMembersRepository } from '../members/members.repository.ts';
import { canonicalSha256, canonicalText } from './commitment-text.ts';
import { commitmentRepository as repository, type SignatureViewRow } from './commitment.repository.ts';

type VersionRow = NonNullable<Awaited<ReturnType<typeof repository.version>>>;

const iso = (value: Date | string | null) =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

function summaryOf(row: VersionRow, counts: Map<string, number>): VersionSummary {
  const signatures = Object.fromEntries(
    signatureStatuses.map((status) => [status, counts.get(`${row.id}:${status}`) ?? 0]),
  ) as Record<SignatureStatus, number>;
  return {
    id: row.id,
    number: row.number,
    titleId: row.title_id,
    titleEn: row.title_en,
    forum: row.forum,
    adoptedOn: row.adopted_on,
    status: row.status as VersionSummary['status'],
    wordingPlaceholder: row.wording_placeholder,
    textSha256: row.text_sha256.toString('hex'),
    activatedAt: iso(row.activated_at),
    signatures,
  };
}

const textOf = (row: VersionRow) => ({
  titleId: row.title_id,
  titleEn: row.title_en,
  preambleId: row.preamble_id,
  preambleEn: row.preamble_en,
  points: row.points,
});

function signatureViewOf(row: SignatureViewRow): SignatureView {
  return {
    id: row.id,
    versionId: row.version_id,
    versionNumber: row.version_number,
    kind: row.kind as SignatureView['kind'],
    unitId: row.unit_id,
    unitName: row.unit_name,
    name: row.member_name ?? row.person_name,
    memberNumber: row.member_number,
    memberId: row.member_id,
    organisation: row.person_organisation,
    sex: (row.member_sex ?? row.person_sex) as SignatureView['sex'],
    claimedMemberNumber: row.claimed_member_number,
    forum: row.forum,
    decreeNumber: row.decree_number,
    companyName: row.company_name,
    companySignatory: row.company_signatory,
    companySignatoryTitle: row.company_signatory_title,
    verificationCode: row.verification_code,
    signedOn: row.signed_on,
    channel: row.channel as SignatureView['channel'],
    publicName: row.public_name,
    status: row.status as SignatureStatus,
    statusReason: row.status_reason,
    statusAt: iso(row.status_at)!,
  };
}

/** What the public pledge form hands the service (already read and checked by the page). */
export interface PublicPledgeInput {
  name: string;
  /** Member number and birth year together, or neither (a person outside the membership). */
  member: { number: string; birthYear: number } | null;
  organisation: string | null;
  sex: 'L' | 'P' | null;
  /** The region (DPD) a person outside the membership names; ignored for matched members. */
  regionId: number | null;
  publicName: boolean;
}

/** What the signer sees with her receipt: nothing that depends on whether her submission was merged. */
export interface ReceiptView {
  versionNumber: number;
  titleId: string;
  titleEn: string;
  /** When this receipt was issued (her own submission), not when the signature was first made. */
  issuedAt: Date;
  /** `recorded` for pending and valid alike: the difference would tell whether a member number matched. */
  state: 'recorded' | 'withdrawn' | 'invalidated' | 'superseded';
  reason: string | null;
}

/** What a photo of a signed paper sheet may be (sniffed from the bytes), as for training sign-in sheets. */
const sheetPhotoTypes: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
]);

async function paperListDetail(
  handle: DbOrTx,
  list: Awaited<ReturnType<typeof openPaperList>>,
): Promise<PaperListDetail> {
  const photos = await repository.paperListPhotos(handle, list.id);
  return {
    id: list.id,
    unitId: list.unit_id,
    unitName: list.unit_name,
    signedOn: list.signed_on,
    versionNumber: list.version_number,
    rowCount: list.row_count,
    counts: { number: list.by_number, name: list.by_name, merged: list.merged, unmatched: list.unmatched },
    enteredAt: iso(list.entered_at)!,
    photos: photos.map((photo) => ({
      id: photo.id,
      mediaType: photo.media_type,
      size: photo.size,
      uploadedAt: iso(photo.uploaded_at)!,
    })),
  };
}

/**
 * The Joint Commitment (issue 13): versions, signatures and the signer's receipt. Every signature is
 * reached through commitment-access.ts; every change writes its history row and its audit row in the
 * same transaction.
 */
export function createCommitmentService(deps: {
  db: Db;
  clock: Clock;
  receiptKey: Buffer;
  /** Largest photo of a signed paper sheet, in bytes (config COMMITMENT_PHOTO_MAX_MB). */
  maxPhotoBytes: number;
}) {
  const { db, clock, receiptKey } = deps;
  const members = createMembersRepository();
  const today = () => isoDateIn(clock.now());

  const audit = actorAudit(clock);

  /** A new receipt for a signature: the code goes to the signer, only its HMAC to the database. */
  async function issueReceipt(handle: DbOrTx, signatureId: string, at: Date): Promise<string> {
    const code = generateCheckedCode(RECEIPT_CODE_LENGTH);
    await repository.addReceipt(handle, signatureId, receiptHash(receiptKey, code), at);
    return code;
  }

  async function signatureDetail(handle: DbOrTx, actor: Actor, id: string): Promise<SignatureDetail> {
    const [row] = await repository.signatureRows(handle, actor.principal, { id }, { limit: 1, offset: 0 });
    if (!row) throw new AppError('not_found');
    const events = await repository.events(handle, id);
    return {
      ...signatureViewOf(row),
      events: events.map((event) => ({
        status: event.status as SignatureStatus,
        reason: event.reason,
        actorName: event.actor_name,
        at: iso(event.at)!,
      })),
    };
  }

  async function activeVersionOrFail(handle: DbOrTx) {
    const version = await repository.activeVersion(handle);
    if (!version) throw new AppError('commitment_no_active');
    return version;
  }

  return {
    // ── Versions ───────────────────────────────────────────────────────────────────────────────────
    /** Every version with its signature counts in the caller's scope. */
    async listVersions(actor: Actor): Promise<{ items: VersionSummary[]; canAuthor: boolean }> {
      assertMayReadVersions(actor.principal);
      const [rows, counts] = await Promise.all([
        repository.versions(db),
        repository.countsByVersion(db, actor.principal),
      ]);
      const map = new Map(counts.map((count) => [`${count.version_id}:${count.status}`, count.count]));
      let canAuthor = true;
      try {
        await assertMayAuthorVersions(db, actor.principal);
      } catch {
        canAuthor = false;
      }
      return { items: rows.map((row) => summaryOf(row, map)), canAuthor };
    },

    async getVersion(actor: Actor, id: number): Promise<VersionDetail> {
      assertMayReadVersions(actor.principal);
      const row = await repository.version(db, id);
      if (!row) throw new AppError('not_found');
      const counts = await repository.countsByVersion(db, actor.principal);
      const map = new Map(counts.map((count) => [`${count.version_id}:${count.status}`, count.count]));
      return {
        ...summaryOf(row, map),
        preambleId: row.preamble_id,
        preambleEn: row.preamble_en,
        points: row.points,
        canonicalText: canonicalText(textOf(row)),
      };
    },

    /** A new draft version (national: top-unit officers only). Its hash is fixed from the start. */
    async createVersion(actor: Actor, body: CreateVersionBody): Promise<VersionDetail> {
      const input = createVersionBody.parse(body);
      const id = await db.transaction().execute(async (tx) => {
        await assertMayAuthorVersions(tx, actor.principal);
        // Serialise numbering between two officers drafting at once.
        await tx.selectFrom('commitment_versions').select('id').forUpdate().execute();
        const number = await repository.nextNumber(tx);
        const { id: created } = await tx
          .insertInto('commitment_versions')
          .values({
            number,
            title_id: input.titleId,
            title_en: input.titleEn,
            preamble_id: input.preambleId,
            preamble_en: input.preambleEn,
            points: JSON.stringify(input.points),
            text_sha256: canonicalSha256(input),
            forum: input.forum,
            adopted_on: input.adoptedOn,
            status: 'draft',
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const root = await repository.rootUnit(tx);
        await audit(tx, actor, 'commitment.version_create', 'commitment_version', String(created), root.id, {
          number,
        });
        return created;
      });
      return this.getVersion(actor, id);
    },

    /**
     * Activates a draft: the active version becomes `superseded`, and so do its open signatures (kept,
     * readable, each with a history row); the re-signing drive starts from zero on the new version.
     */
    async activateVersion(actor: Actor, id: number): Promise<VersionDetail> {
      await db.transaction().execute(async (tx) => {
        await assertMayAuthorVersions(tx, actor.principal);
        await tx.selectFrom('commitment_versions').select('id').forUpdate().execute();
        const version = await repository.version(tx, id);
        if (!version) throw new AppError('not_found');
        if (!canActivate(version.status as VersionDetail['status'])) throw new AppError('commitment_state');
        const now = clock.now();
        const previous = await repository.activeVersion(tx);
        let superseded = 0;
        if (previous) {
          await tx
            .updateTable('commitment_versions')
            .set({ status: 'superseded', superseded_at: now })
            .where('id', '=', previous.id)
            .execute();
          superseded = await repository.supersedeOpen(tx, previous.id, now);
        }
        await tx
          .updateTable('commitment_versions')
          .set({ status: 'active', activated_at: now, activated_by: actor.userId })
          .where('id', '=', id)
          .execute();
        const root = await repository.rootUnit(tx);
        await audit(tx, actor, 'commitment.version_activate', 'commitment_version', String(id), root.id, {
          number: version.number,
          previousVersionId: previous?.id ?? null,
          supersededSignatures: superseded,
        });
      });
      return this.getVersion(actor, id);
    },

    // ── Signatures (staff) ─────────────────────────────────────────────────────────────────────────
    async listSignatures(actor: Actor, query: ListSignaturesQuery) {
      const filter = listSignaturesQuery.parse(query);
      const { limit, offset, ...rest } = filter;
      const [rows, total] = await Promise.all([
        repository.signatureRows(db, actor.principal, rest, { limit, offset }),
        repository.signatureTotal(db, actor.principal, rest),
      ]);
      return { items: rows.map(signatureViewOf), total };
    },

    async getSignature(actor: Actor, id: string): Promise<SignatureDetail> {
      await openSignature(db, actor.principal, id);
      return signatureDetail(db, actor, id);
    },

    /**
     * Staff entry of a signature of the active version, inside the caller's scope. Staff-entered
     * signatures are `valid` at once (the officer saw the signer or the decree). A member or unit with
     * an open signature already: `commitment_duplicate` (staff in scope may know it).
     */
    async createSignature(actor: Actor, body: CreateSignatureBody): Promise<CreatedSignature> {
      const input = createSignatureBody.parse(body);
      const now = clock.now();
      if (input.signedOn > today())
        throw new AppError('validation_failed', undefined, {
          fields: [{ path: 'signedOn', message: 'future' }],
        });
      const { id, receiptCode } = await db.transaction().execute(async (tx) => {
        const version = await activeVersionOrFail(tx);
        const base = {
          version_id: version.id,
          signed_on: input.signedOn,
          channel: 'staff',
          status: 'valid',
          status_by: actor.userId,
          created_by: actor.userId,
        };
        let row: Parameters<typeof repository.insertSignature>[1];
        switch (input.kind) {
          case 'member': {
            const member = await openMemberForSigning(tx, actor.principal, input.memberId);
            if (await repository.openSignatureOfMember(tx, version.id, member.id))
              throw new AppError('commitment_duplicate');
            row = {
              ...base,
              kind: 'member',
              unit_id: member.home_unit_id,
              member_id: member.id,
              public_name: input.publicName,
            };
            break;
          }
          case 'person': {
            const unit = await openUnitForSigning(tx, actor.principal, input.unitId);
            row = {
              ...base,
              kind: 'person',
              unit_id: unit.id,
              person_name: input.name,
              person_organisation: input.organisation,
              person_sex: input.sex,
              public_name: input.publicName,
            };
            break;
          }
          case 'unit':
          case 'psp_company': {
            const unit = await openUnitForSigning(tx, actor.principal, input.unitId);
            if (input.kind === 'psp_company' && unit.level !== 'PSP')
              throw new AppError('validation_failed', undefined, {
                fields: [{ path: 'unitId', message: 'psp' }],
              });
            if (await repository.openSignatureOfUnit(tx, version.id, input.kind, unit.id))
              throw new AppError('commitment_duplicate');
            const company =
              input.kind === 'psp_company' ? (input.companyName ?? unit.company_name ?? null) : null;
            if (input.kind === 'psp_company' && !company)
              throw new AppError('validation_failed', undefined, {
                fields: [{ path: 'companyName', message: 'required' }],
              });
            row = {
              ...base,
              kind: input.kind,
              unit_id: unit.id,
              forum: input.forum,
              decree_number: input.decreeNumber,
              company_name: company,
              company_signatory: input.kind === 'psp_company' ? input.companySignatory : null,
              company_signatory_title: input.kind === 'psp_company' ? input.companySignatoryTitle : null,
              // Units are listed by name publicly: an adoption is a public act of the unit, with a code
              // anyone can check on /verifikasi.
              public_name: true,
              verification_code: generateCheckedCode(RECEIPT_CODE_LENGTH),
            };
            break;
          }
        }
        const created = await repository.insertSignature(tx, row, now);
        const code = await issueReceipt(tx, created, now);
        await audit(tx, actor, 'commitment.signature_create', 'commitment_signature', created, row.unit_id, {
          kind: row.kind,
          versionId: version.id,
        });
        return { id: created, receiptCode: code };
      });
      return { ...(await signatureDetail(db, actor, id)), receiptCode };
    },

    /** Confirms (`valid`) or invalidates (with a reason) a signature in scope. */
    async decideSignature(actor: Actor, id: string, body: DecideSignatureBody): Promise<SignatureDetail> {
      const input = decideSignatureBody.parse(body);
      if (needsReason(input.status) && !input.reason)
        throw new AppError('validation_failed', undefined, {
          fields: [{ path: 'reason', message: 'required' }],
        });
      await db.transaction().execute(async (tx) => {
        const signature = await openSignature(tx, actor.principal, id, { lock: true });
        if (!canMove(signature.status, input.status, 'staff')) throw new AppError('commitment_state');
        await repository.setStatus(
          tx,
          id,
          { status: input.status, reason: input.reason, actorId: actor.userId },
          clock.now(),
        );
        await audit(tx, actor, 'commitment.signature_decide', 'commitment_signature', id, signature.unit_id, {
          from: signature.status,
          to: input.status,
        });
      });
      return signatureDetail(db, actor, id);
    },

    /**
     * A paper list entered in bulk: each row matched to a member by number (anywhere in the caller's
     * scope), else by the members' typo-tolerant name search in the sheet's unit subtree, accepted only
     * when exactly one member comes back; unmatched rows are kept as `pending` persons outside the
     * membership (with the number as written). A member who already signed online merges (no new row).
     * Paper signers get no receipt: they never see the screen. One audit row for the list.
     */
    async enterPaperList(actor: Actor, body: PaperListBody): Promise<PaperListResponse> {
      const input = paperListBody.parse(body);
      if (input.signedOn > today())
        throw new AppError('validation_failed', undefined, {
          fields: [{ path: 'signedOn', message: 'future' }],
        });
      const unit = await openUnitForSigning(db, actor.principal, input.unitId);
      const scopePaths = signatureScope(actor.principal);
      // Matching reads first (the member search runs its own transaction); writing follows in one.
      const matches: ({ memberId: string; homeUnitId: number; by: 'number' | 'name' } | null)[] = [];
      for (const row of input.rows) {
        if (row.memberNumber) {
          const byNumber = await db
            .selectFrom('members as m')
            .innerJoin('units as u', 'u.id', 'm.home_unit_id')
            .select(['m.id', 'm.home_unit_id'])
            .where('m.member_number', '=', row.memberNumber)
            .where(signatureScopeSqlFor(scopePaths))
            .executeTakeFirst();
          if (byNumber) {
            matches.push({ memberId: byNumber.id, homeUnitId: byNumber.home_unit_id, by: 'number' });
            continue;
          }
        }
        const found = await members.list(
          db,
          { scopePaths: [unit.path], q: row.name, today: today() },
          { sort: 'relevance', direction: 'asc', limit: 2 },
        );
        matches.push(
          found.length === 1
            ? { memberId: found[0]!.id, homeUnitId: found[0]!.home_unit_id, by: 'name' }
            : null,
        );
      }
      const now = clock.now();
      return db.transaction().execute(async (tx) => {
        const version = await activeVersionOrFail(tx);
        const counts = { number: 0, name: 0, merged: 0, unmatched: 0 };
        const rows: PaperListResponse['rows'] = [];
        for (const [index, row] of input.rows.entries()) {
          const match = matches[index]!;
          const base = {
            version_id: version.id,
            signed_on: input.signedOn,
            channel: 'paper',
            public_name: false,
            status_by: actor.userId,
            created_by: actor.userId,
          };
          if (match) {
            const existing = await repository.openSignatureOfMember(tx, version.id, match.memberId);
            if (existing) {
              counts.merged += 1;
              rows.push({ row: index, outcome: 'merged', signatureId: existing.id });
              continue;
            }
            const id = await repository.insertSignature(
              tx,
              {
                ...base,
                kind: 'member',
                unit_id: match.homeUnitId,
                member_id: match.memberId,
                status: 'valid',
              },
              now,
            );
            counts[match.by] += 1;
            rows.push({ row: index, outcome: match.by, signatureId: id });
          } else {
            const id = await repository.insertSignature(
              tx,
              {
                ...base,
                kind: 'person',
                unit_id: unit.id,
                person_name: row.name,
                person_sex: row.sex,
                claimed_member_number: row.memberNumber,
                status: 'pending',
              },
              now,
            );
            counts.unmatched += 1;
            rows.push({ row: index, outcome: 'unmatched', signatureId: id });
          }
        }
        const list = await repository.insertPaperList(
          tx,
          {
            version_id: version.id,
            unit_id: unit.id,
            signed_on: input.signedOn,
            counts,
            entered_by: actor.userId,
          },
          now,
        );
        await audit(tx, actor, 'commitment.paper_list', 'unit', String(unit.id), unit.id, {
          versionId: version.id,
          paperListId: list.id,
          ...counts,
        });
        return { paperListId: list.id, counts, rows };
      });
    },

    /** A recorded paper list in the caller's scope (else 404) with the photos of its sheet. */
    async getPaperList(actor: Actor, id: number): Promise<PaperListDetail> {
      return paperListDetail(db, await openPaperList(db, actor.principal, id));
    },

    /**
     * A photo (or scan) of the signed sheet, attached to its paper list: size-limited and its type
     * sniffed from the bytes (platform/uploads.ts, as training sheet photos and campaign photos). The
     * photo shows who signed, so it is reached only through the list's door; its audit row carries no
     * name, only the size.
     */
    async addPaperListPhoto(actor: Actor, id: number, data: Buffer): Promise<PaperListDetail> {
      const mediaType = await sniffUpload(data, { maxBytes: deps.maxPhotoBytes, types: sheetPhotoTypes });
      return db.transaction().execute(async (tx) => {
        const list = await openPaperList(tx, actor.principal, id, { lock: true });
        const photo = await repository.insertPaperListPhoto(
          tx,
          { paper_list_id: id, media_type: mediaType, data, uploaded_by: actor.userId },
          clock.now(),
        );
        await audit(
          tx,
          actor,
          'commitment.paper_photo_add',
          'commitment_paper_list',
          String(id),
          list.unit_id,
          {
            photoId: photo.id,
            size: data.length,
          },
        );
        return paperListDetail(tx, list);
      });
    },

    async paperListPhoto(actor: Actor, id: number, photoId: number) {
      await openPaperList(db, actor.principal, id);
      const photo = await repository.paperListPhoto(db, id, photoId);
      if (!photo) throw new AppError('not_found');
      return { mediaType: photo.media_type, data: photo.data, name: `daftar-komitmen-${id}-foto-${photoId}` };
    },

    // ── Coverage ──────────────────────────────────────────────────────────────────────────────────
    /**
     * Signers ÷ active members as of a day, by sex, for a unit in scope and each of its children; the
     * adoptions and PSP–company co-signatures in its subtree. Read through the same scope as signatures.
     */
    async coverage(actor: Actor, query: CoverageQuery): Promise<CoverageResponse> {
      const input = coverageQuery.parse(query);
      const asOf = input.asOf ?? today();
      let unitId = input.unitId;
      if (unitId === undefined) {
        const [root] = signatureScope(actor.principal);
        if (!root) throw new AppError('forbidden');
        unitId = Number(root.split('/').filter(Boolean).at(-1));
      }
      const unit = await openUnitForSigning(db, actor.principal, unitId);
      const version = input.versionId
        ? await repository.version(db, input.versionId)
        : await repository.activeVersion(db);
      if (!version) throw new AppError(input.versionId ? 'not_found' : 'commitment_no_active');
      const options = { unitId: unit.id, asOf, versionId: version.id };
      const [counts, perRow, acts, bodies] = await Promise.all([
        coverageRepository.membersAndSigners(db, options),
        coverageRepository.actsPerRow(db, options),
        coverageRepository.acts(db, { unitPath: unit.path, asOf, versionId: version.id }),
        coverageRepository.bodies(db, options),
      ]);
      const empty = () => ({ P: 0, L: 0, unknown: 0, total: 0 });
      const rows: CoverageRow[] = perRow.map((row) => {
        const members = empty();
        const signers = empty();
        for (const count of counts.filter((item) => item.unit_id === row.id)) {
          const sex = count.sex === 'P' || count.sex === 'L' ? count.sex : 'unknown';
          members[sex] += count.members;
          signers[sex] += count.signers;
          members.total += count.members;
          signers.total += count.signers;
        }
        return {
          unitId: row.id,
          unitName: row.name,
          level: row.level,
          isTotal: row.id === unit.id,
          members,
          signers,
          coverage: {
            P: coverageBasisPoints(signers.P, members.P),
            L: coverageBasisPoints(signers.L, members.L),
            unknown: coverageBasisPoints(signers.unknown, members.unknown),
            total: coverageBasisPoints(signers.total, members.total),
          },
          adopted: row.adopted,
          unitsAdopted: row.units_adopted,
          psps: row.psps,
          pspsCoSigned: row.psps_co_signed,
        };
      });
      return {
        unit: { id: unit.id, name: unit.name, level: unit.level },
        asOf,
        versionId: version.id,
        versionNumber: version.number,
        rows,
        acts: acts.map((act) => ({
          signatureId: act.id,
          kind: act.kind,
          unitId: act.unit_id,
          unitName: act.unit_name,
          level: act.level,
          forum: act.forum,
          decreeNumber: act.decree_number,
          companyName: act.company_name,
          signedOn: act.signed_on,
        })),
        bodies: bodies.map((body) => ({
          bodyId: body.body_id,
          bodyName: body.body_name,
          kind: body.kind,
          unitId: body.unit_id,
          unitName: body.unit_name,
          level: body.level,
          holders: body.holders,
          signed: body.signed,
        })),
      };
    },

    // ── The public pledge (the signer herself) ─────────────────────────────────────────────────────
    /** The active version's text for the pledge page, or null when none is active. */
    async activeText() {
      const version = await repository.activeVersion(db);
      return version ? { number: version.number, ...textOf(version) } : null;
    },

    /** The regions (DPDs) a person outside the membership may name on the pledge form. */
    publicRegions: () => repository.publicRegions(db),

    /**
     * The public counters of the active version: people who signed (open signatures), per DPD, protected
     * by the shared small-cell suppression (case-stats/suppression.ts): a count under 5 reads `< 5`, and
     * complements are hidden so the total cannot give a small one back. Null without an active version.
     */
    async publicCounters(): Promise<{
      regions: { name: string | null; count: string }[];
      total: string;
    } | null> {
      const version = await repository.activeVersion(db);
      if (!version) return null;
      const rows = await repository.peopleByRegion(db, version.id);
      const protectedList = protectList(rows.map((row) => row.count));
      return {
        regions: rows.map((row, index) => ({
          name: row.name,
          count: formatCell(protectedList.cells[index]!),
        })),
        total: formatCell(protectedList.total),
      };
    },

    /**
     * Signs the active version from the public page and returns her receipt code. The answer is the same
     * whatever happened inside (decided in issue 13 "Privacy"):
     * - member number and birth year matching a member: a `valid` member signature; if she already has an
     *   open one, nothing new is made and this receipt joins it (duplicates merge);
     * - no member number, or one that matches nobody: a `pending` signature of a person outside the
     *   membership (staff confirm or invalidate it); a typed number is kept for their review.
     */
    async signPublic(
      input: PublicPledgeInput,
      /** Runs in the same transaction once the receipt exists (the page spends its form token there). */
      issued?: (tx: DbOrTx, receiptCode: string) => Promise<void>,
    ): Promise<string> {
      const now = clock.now();
      const withReceipt = async (tx: DbOrTx, signatureId: string) => {
        const code = await issueReceipt(tx, signatureId, now);
        await issued?.(tx, code);
        return code;
      };
      return db.transaction().execute(async (tx) => {
        const version = await activeVersionOrFail(tx);
        const member = input.member
          ? await repository.memberByNumber(tx, input.member.number, input.member.birthYear)
          : undefined;
        if (member) {
          const existing = await repository.openSignatureOfMember(tx, version.id, member.id);
          if (existing) return withReceipt(tx, existing.id);
        }
        let unitId: number;
        if (member) unitId = member.home_unit_id;
        else {
          const region = input.regionId
            ? await tx
                .selectFrom('units')
                .select('id')
                .where('id', '=', input.regionId)
                .where('level', '=', 'DPD')
                .executeTakeFirst()
            : undefined;
          unitId = region?.id ?? (await repository.rootUnit(tx)).id;
        }
        const id = await repository.insertSignature(
          tx,
          member
            ? {
                version_id: version.id,
                kind: 'member',
                unit_id: unitId,
                member_id: member.id,
                signed_on: isoDateIn(now),
                channel: 'public',
                public_name: input.publicName,
                status: 'valid',
                status_by: null,
                created_by: null,
              }
            : {
                version_id: version.id,
                kind: 'person',
                unit_id: unitId,
                person_name: input.name,
                person_organisation: input.organisation,
                person_sex: input.sex,
                claimed_member_number: input.member?.number ?? null,
                signed_on: isoDateIn(now),
                channel: 'public',
                public_name: input.publicName,
                status: 'pending',
                status_by: null,
                created_by: null,
              },
          now,
        );
        return withReceipt(tx, id);
      });
    },

    /** Her signature as she may see it with her receipt, or null (one answer for every failure). */
    async viewByReceipt(typed: string): Promise<ReceiptView | null> {
      const code = normaliseCheckedCode(typed, RECEIPT_CODE_LENGTH);
      if (!code) return null;
      const row = await openSignatureByReceipt(db, receiptKey, code);
      if (!row) return null;
      const version = (await repository.version(db, row.version_id))!;
      const reason = row.status === 'invalidated' ? await lastReason(db, row.id) : null;
      return {
        versionNumber: version.number,
        titleId: version.title_id,
        titleEn: version.title_en,
        issuedAt: row.receipt_issued_at,
        state: row.status === 'pending' || row.status === 'valid' ? 'recorded' : row.status,
        reason,
      };
    },

    /** Withdraws her signature (by POST with her receipt); null when the receipt is unknown. */
    async withdrawByReceipt(typed: string): Promise<ReceiptView | null> {
      const code = normaliseCheckedCode(typed, RECEIPT_CODE_LENGTH);
      if (!code) return null;
      const done = await db.transaction().execute(async (tx) => {
        const row = await openSignatureByReceipt(tx, receiptKey, code, { lock: true });
        if (!row) return false;
        if (canMove(row.status, 'withdrawn', 'signer'))
          await repository.setStatus(
            tx,
            row.id,
            { status: 'withdrawn', reason: null, actorId: null },
            clock.now(),
          );
        return true;
      });
      return done ? this.viewByReceipt(code) : null;
    },
  };
}

async function lastReason(handle: DbOrTx, signatureId: string): Promise<string | null> {
  const row = await handle
    .selectFrom('commitment_signatures')
    .select('status_reason')
    .where('id', '=', signatureId)
    .executeTakeFirst();
  return row?.status_reason ?? null;
}

export type CommitmentService = ReturnType<typeof createCommitmentService>;
