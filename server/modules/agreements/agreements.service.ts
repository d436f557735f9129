import { createHash } from 'node:crypto';
import {
  agreementFileTypes,
  type AgreementKind,
  type AgreementStatus,
  type ChecklistGroup,
  type CodingAnswer,
} from '../../../shared/agreement-taxonomies.ts';
import type {
  AgreementDetail,
  AgreementSummary,
  ChecklistVersionView,
  CodeItemInput,
  CodingView,
  CreateAgreementInput,
  CreateChecklistInput,
  UpdateAgreementInput,
} from '../../../shared/contracts/agreements.ts';
import { AppError } from '../../../shared/errors.ts';
import { isLanguage } from '../../platform/i18n.ts';
import { localeOf, type Language } from '../../../shared/roles.ts';
import { canAnywhere, scopeOf, type Principal } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import { safeFileName, sniffUpload } from '../../platform/uploads.ts';
import {
  addMonths,
  answerCounts,
  checklistFailure,
  codedAgainstVersion,
  codingSheet,
  currentCodings,
  effectiveEndOf,
  gapList,
  isExpiringWithin,
  mayEditChecklist,
  mayReachAgreement,
  nextChecklistNumber,
  reminderDue,
  statusAsOf,
  type ChecklistItem,
  type CodingRow,
} from './agreement-rules.ts';
import { gapListPdf, gapListXlsx, type GapListFile } from './gap-list-export.ts';
import type { AgreementRow, AgreementsRepository } from './agreements.repository.ts';

/** An uploaded file as the route read it: the bytes and the name the browser gave. */
export interface IncomingAgreementFile {
  name: string | undefined;
  data: Buffer;
}

const agreementState = (rule: string) => new AppError('agreement_state', undefined, { public: { rule } });

interface Checklist {
  versions: { id: number; number: number; note: string | null; createdAt: string; items: ChecklistItem[] }[];
}

/**
 * Collective agreements (issue 14, work-plans-and-advocacy.md "Policy advocacy"): a PSP's PKB or PP, its
 * document, the coding of each clause against the national checklist, and the gap list (DIM) for the
 * negotiating team as XLSX and PDF. Every method opens the agreement through one door
 * (`openAgreement`, agreement-rules.ts `mayReachAgreement`), and lists filter by the same scope in SQL.
 */
export function createAgreementsService(deps: {
  db: Db;
  agreements: AgreementsRepository;
  clock: Clock;
  /** Largest agreement document accepted, in bytes. */
  maxFileBytes: number;
  mailer: Mailer;
  /** The working-day calendar's holidays (the reminders move off them). */
  holidays: (handle: DbOrTx) => Promise<ReadonlySet<string>>;
  publicUrl: string;
}) {
  const { db, agreements, clock } = deps;
  const audit = actorAudit(clock);
  const today = () => isoDateIn(clock.now());

  /** The one door into an agreement: unknown or outside the caller's reach is 404, whichever it is. */
  async function openAgreement(
    handle: DbOrTx,
    principal: Principal,
    agreementId: number,
    options: { lock?: boolean } = {},
  ): Promise<AgreementRow> {
    const row = await agreements.agreement(handle, agreementId, options);
    if (!row || !mayReachAgreement(principal, row.unit_path)) throw new AppError('not_found');
    return row;
  }

  async function loadChecklist(handle: DbOrTx): Promise<Checklist> {
    const [versions, items] = await Promise.all([
      agreements.checklistVersions(handle),
      agreements.checklistItems(handle),
    ]);
    return {
      versions: versions.map((version) => ({
        id: version.id,
        number: version.number,
        note: version.note,
        createdAt: new Date(version.created_at).toISOString(),
        items: items
          .filter((item) => item.version_id === version.id)
          .map((item) => ({
            code: item.code,
            position: item.position,
            group: item.item_group as ChecklistGroup,
            titleId: item.title_id,
            titleEn: item.title_en,
          })),
      })),
    };
  }

  const latestOf = (checklist: Checklist) => {
    const latest = checklist.versions[0];
    if (!latest) throw new Error('the agreement checklist has no version (migration 2026-12-08T1800)');
    return latest;
  };
  const codesOfVersion = (checklist: Checklist) => (number: number) =>
    new Set(checklist.versions.find((version) => version.number === number)?.items.map((item) => item.code));

  type CodingRecord = Awaited<ReturnType<AgreementsRepository['codings']>>[number];
  const codingRowOf = (row: CodingRecord): CodingRow & { codedByName: string | null } => ({
    id: Number(row.id),
    itemCode: row.item_code,
    versionNumber: row.version_number,
    answer: row.answer as CodingAnswer,
    excerpt: row.excerpt,
    article: row.article,
    codedBy: null,
    codedByName: row.coded_by_name,
    codedAt: new Date(row.coded_at).toISOString(),
  });
  const codingViewOf = (row: CodingRow & { codedByName: string | null }): CodingView => ({
    answer: row.answer,
    excerpt: row.excerpt,
    article: row.article,
    versionNumber: row.versionNumber,
    codedByName: row.codedByName,
    codedAt: row.codedAt,
  });

  const datesOf = (row: AgreementRow) => ({
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    extendedUntil: row.extended_until,
    status: row.status as AgreementStatus,
  });

  function summaryOf(
    row: AgreementRow,
    checklist: Checklist,
    codings: readonly CodingRow[],
    day: string,
  ): AgreementSummary {
    const sheet = codingSheet(latestOf(checklist).items, codings, codesOfVersion(checklist));
    return {
      id: row.id,
      unitId: row.unit_id,
      unitName: row.unit_name,
      kind: row.kind as AgreementKind,
      companyName: row.company_name,
      registrationNumber: row.registration_number,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      extendedUntil: row.extended_until,
      status: row.status as AgreementStatus,
      statusToday: statusAsOf(datesOf(row), day),
      expiringSoon: isExpiringWithin(datesOf(row), day, 6),
      counts: answerCounts(sheet),
    };
  }

  async function detailOf(handle: DbOrTx, row: AgreementRow): Promise<AgreementDetail> {
    const [checklist, codingRecords, files] = await Promise.all([
      loadChecklist(handle),
      agreements.codings(handle, [row.id]),
      agreements.files(handle, row.id),
    ]);
    const codings = codingRecords.map(codingRowOf);
    const latest = latestOf(checklist);
    const sheet = codingSheet(latest.items, codings, codesOfVersion(checklist));
    const current = currentCodings(codings);
    const view = (coding: CodingRow | null) =>
      coding ? codingViewOf(coding as CodingRow & { codedByName: string | null }) : null;
    return {
      ...summaryOf(row, checklist, codings, today()),
      parties: row.parties,
      checklistVersion: latest.number,
      codedAgainstVersion: codedAgainstVersion(current),
      files: files.map((file) => ({
        id: file.id,
        fileName: file.file_name,
        mediaType: file.media_type,
        size: file.size,
        sha256: file.sha256.toString('hex'),
        uploadedAt: new Date(file.uploaded_at).toISOString(),
      })),
      sheet: sheet.map((entry) => ({
        item: entry.item,
        answer: entry.answer,
        isNew: entry.isNew,
        current: view(entry.coding),
        history: codings
          .filter((coding) => coding.itemCode === entry.item.code && coding.id !== entry.coding?.id)
          .reverse()
          .map(codingViewOf),
      })),
      gaps: gapList(sheet).map((gap) => ({ item: gap.item, reason: gap.reason, current: view(gap.coding) })),
    };
  }

  /** The PSP an agreement may be recorded for: reached by the caller and at the PSP level. */
  async function openPsp(handle: DbOrTx, principal: Principal, unitId: number) {
    const unit = await agreements.unit(handle, unitId);
    if (!unit || !mayReachAgreement(principal, unit.path)) throw new AppError('not_found');
    if (unit.level !== 'PSP') throw agreementState('not_a_psp');
    return unit;
  }

  const fieldsOf = (input: UpdateAgreementInput) => ({
    kind: input.kind,
    company_name: input.companyName,
    parties: input.parties,
    registration_number: input.registrationNumber,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    extended_until: input.extendedUntil,
    status: input.status,
  });

  return {
    /** Agreements of the PSPs in the caller's subtree, the soonest ending first. */
    async listAgreements(actor: Actor) {
      const rows = await agreements.agreementsWithin(db, scopeOf(actor.principal, 'agreement.manage'));
      const [checklist, codingRecords] = await Promise.all([
        loadChecklist(db),
        agreements.codings(
          db,
          rows.map((row) => row.id),
        ),
      ]);
      const byAgreement = new Map<number, CodingRow[]>();
      for (const record of codingRecords) {
        const list = byAgreement.get(record.agreement_id) ?? [];
        list.push(codingRowOf(record));
        byAgreement.set(record.agreement_id, list);
      }
      const day = today();
      return {
        items: rows.map((row) => summaryOf(row, checklist, byAgreement.get(row.id) ?? [], day)),
        canCreate: canAnywhere(actor.principal, 'agreement.manage'),
      };
    },

    async getAgreement(actor: Actor, agreementId: number): Promise<AgreementDetail> {
      return detailOf(db, await openAgreement(db, actor.principal, agreementId));
    },

    /** Records a PSP's PKB or PP (a PSP the caller reaches; any other unit level is refused). */
    async createAgreement(actor: Actor, input: CreateAgreementInput): Promise<AgreementDetail> {
      return db.transaction().execute(async (tx) => {
        const unit = await openPsp(tx, actor.principal, input.unitId);
        const { id } = await tx
          .insertInto('agreements')
          .values({
            unit_id: unit.id,
            ...fieldsOf(input),
            created_by: actor.userId,
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'agreement.create', 'agreement', String(id), unit.id, { kind: input.kind });
        return detailOf(tx, await openAgreement(tx, actor.principal, id));
      });
    },

    async updateAgreement(
      actor: Actor,
      agreementId: number,
      input: UpdateAgreementInput,
    ): Promise<AgreementDetail> {
      return db.transaction().execute(async (tx) => {
        const row = await openAgreement(tx, actor.principal, agreementId, { lock: true });
        await tx
          .updateTable('agreements')
          .set({ ...fieldsOf(input), updated_at: clock.now() })
          .where('id', '=', agreementId)
          .execute();
        await audit(tx, actor, 'agreement.update', 'agreement', String(agreementId), row.unit_id, {
          status: input.status,
          endsOn: input.endsOn,
          extendedUntil: input.extendedUntil,
        });
        return detailOf(tx, await openAgreement(tx, actor.principal, agreementId));
      });
    },

    /** Refuses a caller who may not reach the agreement before her upload is read (the route asks first). */
    async checkCanReach(actor: Actor, agreementId: number): Promise<void> {
      await openAgreement(db, actor.principal, agreementId);
    },

    /**
     * Adds the agreement's document: size-limited and its type sniffed from the bytes before anything is
     * written (a refused upload leaves no row); stored with its SHA-256. The newest file is the document.
     */
    async addFile(actor: Actor, agreementId: number, file: IncomingAgreementFile): Promise<AgreementDetail> {
      const mediaType = await sniffUpload(file.data, {
        maxBytes: deps.maxFileBytes,
        types: agreementFileTypes,
      });
      return db.transaction().execute(async (tx) => {
        const row = await openAgreement(tx, actor.principal, agreementId, { lock: true });
        const sha256 = createHash('sha256').update(file.data).digest();
        const extension = mediaType === 'application/pdf' ? '.pdf' : '';
        await tx
          .insertInto('agreement_files')
          .values({
            agreement_id: agreementId,
            file_name: safeFileName(file.name, `${row.kind}-${agreementId}${extension}`),
            media_type: mediaType,
            size: file.data.length,
            sha256,
            data: file.data,
            uploaded_by: actor.userId,
            uploaded_at: clock.now(),
          })
          .execute();
        await audit(tx, actor, 'agreement.file_add', 'agreement', String(agreementId), row.unit_id, {
          mediaType,
          size: file.data.length,
          sha256: sha256.toString('hex'),
        });
        return detailOf(tx, row);
      });
    },

    /** A document of the agreement: the same door as the agreement. */
    async file(actor: Actor, agreementId: number, fileId: number) {
      await openAgreement(db, actor.principal, agreementId);
      const file = await agreements.file(db, agreementId, fileId);
      if (!file) throw new AppError('not_found');
      return { name: file.file_name, mediaType: file.media_type, data: file.data };
    },

    /**
     * Codes one checklist item (of the newest version) for the agreement. Appends a row: the earlier
     * answers stay as the item's history, and the latest is current.
     */
    async codeItem(actor: Actor, agreementId: number, input: CodeItemInput): Promise<AgreementDetail> {
      return db.transaction().execute(async (tx) => {
        const row = await openAgreement(tx, actor.principal, agreementId, { lock: true });
        const latest = latestOf(await loadChecklist(tx));
        if (!latest.items.some((item) => item.code === input.itemCode)) throw agreementState('unknown_item');
        await tx
          .insertInto('agreement_codings')
          .values({
            agreement_id: agreementId,
            item_code: input.itemCode,
            checklist_version_id: latest.id,
            answer: input.answer,
            excerpt: input.answer === 'not_coded' ? null : input.excerpt,
            article: input.answer === 'not_coded' ? null : input.article,
            coded_by: actor.userId,
            coded_at: clock.now(),
          })
          .execute();
        await audit(tx, actor, 'agreement.code', 'agreement', String(agreementId), row.unit_id, {
          item: input.itemCode,
          answer: input.answer,
          checklistVersion: latest.number,
        });
        return detailOf(tx, row);
      });
    },

    /** Checklist versions, newest first (any agreement officer reads them). */
    async listChecklists(actor: Actor) {
      if (!canAnywhere(actor.principal, 'agreement.manage')) throw new AppError('forbidden');
      const checklist = await loadChecklist(db);
      const top = await agreements.topUnit(db);
      return {
        items: checklist.versions.map((version): ChecklistVersionView => ({
          id: version.id,
          number: version.number,
          note: version.note,
          createdAt: version.createdAt,
          items: version.items,
        })),
        canEdit: top !== undefined && mayEditChecklist(actor.principal, top.path),
      };
    },

    /** A new national checklist version (a gender officer at DPP); items keep their order as given. */
    async createChecklistVersion(actor: Actor, input: CreateChecklistInput): Promise<ChecklistVersionView> {
      const failure = checklistFailure(input.items);
      if (failure) throw agreementState(failure);
      return db.transaction().execute(async (tx) => {
        const top = await agreements.topUnit(tx);
        if (!top || !mayEditChecklist(actor.principal, top.path)) throw new AppError('forbidden');
        // One writer at a time, so two officers never make the same number.
        await tx.selectFrom('agreement_checklist_versions').select('id').forUpdate().execute();
        const numbers = (await agreements.checklistVersions(tx)).map((version) => version.number);
        const number = nextChecklistNumber(numbers);
        const { id, created_at } = await tx
          .insertInto('agreement_checklist_versions')
          .values({ number, note: input.note, created_by: actor.userId, created_at: clock.now() })
          .returning(['id', 'created_at'])
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('agreement_checklist_items')
          .values(
            input.items.map((item, index) => ({
              version_id: id,
              code: item.code,
              position: index + 1,
              item_group: item.group,
              title_id: item.titleId,
              title_en: item.titleEn,
            })),
          )
          .execute();
        await audit(tx, actor, 'agreement.checklist_version', 'agreement_checklist', String(id), top.id, {
          number,
          items: input.items.length,
        });
        return {
          id,
          number,
          note: input.note,
          createdAt: new Date(created_at).toISOString(),
          items: input.items.map((item, index) => ({ ...item, position: index + 1 })),
        };
      });
    },

    /** The gap list (DIM) of an agreement as an XLSX workbook or a PDF, in the caller's language. */
    async gapListFile(actor: Actor, agreementId: number, format: 'xlsx' | 'pdf', language: Language) {
      const detail = await db.transaction().execute(async (tx) => {
        const row = await openAgreement(tx, actor.principal, agreementId);
        // An export leaves the platform: audited like every other export.
        await audit(tx, actor, 'agreement.gap_export', 'agreement', String(agreementId), row.unit_id, {
          format,
        });
        return detailOf(tx, row);
      });
      const data: GapListFile = { agreement: detail, generatedAt: clock.now() };
      const body = format === 'xlsx' ? await gapListXlsx(data, language) : await gapListPdf(data, language);
      return {
        body,
        name: `dim-${detail.kind}-${safeFileName(detail.unitName, String(detail.id))}.${format}`,
      };
    },

    /**
     * The reminder job (daily): for each agreement in force whose 6- or 3-month reminder day has come
     * (moved to a working day), one email to each of the PSP's officers and its DPC's gender officers who
     * has not had it for this end date. The mail names only the PSP and the date, with a link. Each
     * recipient's claim and her outbox row commit together, so a job run twice sends once. Returns how
     * many were sent.
     */
    async sendDueReminders(): Promise<number> {
      const now = clock.now();
      const day = today();
      const holidays = await deps.holidays(db);
      // Seven months ahead: six, plus the days a reminder may move to reach a working day.
      const candidates = await agreements.endingBetween(db, day, addMonths(day, 7));
      let sent = 0;
      for (const row of candidates) {
        const months = reminderDue(datesOf(row), day, holidays);
        if (months === null) continue;
        const endsOn = effectiveEndOf(datesOf(row));
        sent += await db.transaction().execute(async (tx) => {
          let count = 0;
          for (const recipient of await agreements.reminderRecipients(tx, row.unit_id, row.unit_parent_id)) {
            const key = { agreementId: row.id, months, endsOn, userId: recipient.id };
            if (!(await agreements.claimReminder(tx, key, now))) continue;
            const language: Language = isLanguage(recipient.language) ? recipient.language : 'id';
            const date = new Intl.DateTimeFormat(localeOf[language], {
              dateStyle: 'long',
              timeZone: 'UTC',
            }).format(new Date(`${endsOn}T00:00:00Z`));
            await deps.mailer.enqueue(tx, {
              to: recipient.email,
              ...renderEmail('agreementEnding', language, {
                psp: row.unit_name,
                date,
                link: `${deps.publicUrl}/agreements/${row.id}`,
              }),
            });
            count += 1;
          }
          return count;
        });
      }
      return sent;
    },
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
