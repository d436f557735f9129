import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import {
  caseParts,
  rightsItems,
  type CaseForm,
  type CaseOutcome,
  type CasePart,
  type CaseState,
  type ClosingReason,
  type DeadlineKind,
} from '../../../shared/case-taxonomy.ts';
import type {
  AssignBody,
  CaseDetail,
  CaseListItem,
  CaseRoleInCase,
  ConsentBody,
  EthicsBody,
  IntakeBody,
  ListCasesQuery,
  MeasureBody,
  ReferralBody,
  ReportInput,
  RightsBody,
  RoutingBody,
  TransitionBody,
  UpdateReferralBody,
} from '../../../shared/contracts/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Principal } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { canDoInCase, canReadPart, isEligibleAssignee, type CaseAction } from './case-access.ts';
import { createCaseGate } from './case-gate.ts';
import { computeDeadlines, nextDeadline, type DeadlineSettings } from './case-deadlines.ts';
import { createCaseSchedule } from './case-schedule.ts';
import type { RoutingCoverage } from './case-coverage.service.ts';
import { routeToStaffedUnit, unitsOnTheWayUp, type RoutingUnit } from './case-routing.ts';
import { allowedTargets, decideTransition } from './case-workflow.ts';
import type { CaseContent, CaseRecord, CasesRepository } from './cases.repository.ts';
import type { EscrowHooks } from './escrow.service.ts';
import {
  createReceiptHasher,
  formatReceipt,
  generateReceipt,
  normaliseReceipt,
  type ReceiptHasher,
} from './receipt.ts';

/** A file as it arrived (public form or staff upload); the service sniffs its type from the bytes. */
export interface IncomingFile {
  name: string;
  data: Buffer;
}

/** Evidence types accepted: photos, documents, audio and video recordings. Sniffed, never trusted. */
const acceptedMediaTypes = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
  'audio/mpeg',
  'audio/x-m4a',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
  'audio/x-wav',
  'video/mp4',
]);

/** Lookups answer no faster than this, right or wrong, so timing tells nothing. */
const RECEIPT_LOOKUP_FLOOR_MS = 500;

/** What the reporter's receipt page shows, right after the report is stored. */
export interface SubmittedReport {
  receipt: string;
  receivedAt: Date;
  firstContactDueAt: Date;
  /** Someone can act on it (case-routing.ts): false while no coordinator exists on the way up. */
  teamReady: boolean;
}

export interface ReporterView {
  state: CaseState;
  receivedAt: Date;
  nextStep: { kind: DeadlineKind; dueAt: Date } | null;
  /** When the team's next update to the reporter is due (null once the case is closed). */
  nextUpdateAt: Date | null;
  closingReason: string | null;
  /** Another report names the same person (escrow matching, escrow.service.ts). */
  matched: boolean;
  /** Escrow state: 'sealed' (waiting for another report), 'opened', 'withdrawn', or null (ordinary). */
  escrow: 'sealed' | 'opened' | 'withdrawn' | null;
  messages: { id: string; at: Date; from: 'reporter' | 'team'; body: string }[];
  files: { id: string; at: Date; from: 'reporter' | 'team'; name: string }[];
}

const emptyContent = (input: ReportInput): CaseContent => ({
  narrative: input.narrative,
  placeDetail: input.placeDetail ?? null,
  reporterName: input.reporterName ?? null,
  contactMethod: input.contactMethod,
  contactValue: input.contactMethod === 'none' ? null : (input.contactValue ?? null),
  safeTimes: input.safeTimes ?? null,
  consentToContact: input.consentToContact,
  namedName: input.namedName ?? null,
  namedPosition: input.namedPosition ?? null,
  namedWorkplace: input.namedWorkplace ?? null,
  namedMemberId: null,
  namedPhone: input.namedPhone ?? null,
  namedEmployeeNumber: input.namedEmployeeNumber ?? null,
});

const toUnit = (row: { id: number; path: string; depth: number }): RoutingUnit => ({
  id: row.id,
  path: row.path,
  depth: row.depth,
});

/**
 * Safe reporting and SOP case handling. Every staff method first decides the caller's roles in the case
 * (case-access.ts) and answers `not_found` when there are none, so a case's existence never leaks; every
 * change commits with its timeline entry and audit row; every read of content writes the access log.
 */
export function createCasesService(deps: {
  db: Db;
  cases: CasesRepository;
  units: UnitsRepository;
  keyring: Keyring;
  clock: Clock;
  deadlines: DeadlineSettings;
  maxFileBytes: number;
  /** Waits, for the receipt lookup floor; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Escrow matching (escrow.service.ts): seals, tokenises and matches a new case in its transaction. */
  escrow?: EscrowHooks;
  /** Who can act where, for the coordinator fallback, and the notice of a new case (case-coverage). */
  coverage: RoutingCoverage;
}) {
  const { db, cases, units, clock } = deps;
  // The receipt secret lives wrapped by the master key (survives rotation); loaded once, on first use.
  let receiptHasher: Promise<ReceiptHasher> | undefined;
  const receipts = () => (receiptHasher ??= deps.keyring.secretFor('receipt').then(createReceiptHasher));
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const today = () => isoDateIn(clock.now());
  // SOP deadlines on the working-day calendar, plus retaliation check-ins (case-schedule.ts).
  const schedule = createCaseSchedule(deps.deadlines);

  // ── Access ────────────────────────────────────────────────────────────────────────────────────────
  const gate = createCaseGate(cases);
  const rolesIn = gate.rolesIn;

  /** The case through the gate (case-gate.ts), then the action: `forbidden` when the roles lack it. */
  async function caseFor(handle: DbOrTx, actor: Actor, id: string, action?: CaseAction, lock = false) {
    const { row, roles } = await gate.open(handle, actor, id, { lock });
    if (action && !canDoInCase(roles, action)) throw new AppError('forbidden');
    return { row, roles };
  }

  const audit = (
    handle: DbOrTx,
    actor: Actor | null,
    action: string,
    row: { id: string; handling_unit_id: number },
    details: Record<string, unknown> = {},
  ) =>
    appendAudit(
      handle,
      {
        actorId: actor?.userId ?? null,
        actorLabel: actor?.label ?? 'reporter',
        action,
        objectType: 'case',
        objectId: row.id,
        unitId: row.handling_unit_id,
        requestId: actor?.requestId ?? null,
        // Codes only: never content, names or reasons.
        details,
      },
      clock.now(),
    );

  const event = (
    handle: DbOrTx,
    actor: Actor | null,
    row: CaseRecord,
    kind: string,
    facts: Record<string, string | number | boolean | null> = {},
    text: string | null = null,
  ) =>
    cases.addEvent(handle, row, {
      at: clock.now(),
      actorId: actor?.userId ?? null,
      actorKind: actor ? 'user' : 'reporter',
      kind,
      facts,
      text,
    });

  /** Recomputes the case's next SOP deadline after a change, for lists that sort and filter by it. */
  async function refreshDeadline(handle: DbOrTx, id: string): Promise<void> {
    const row = await cases.findCase(handle, id);
    if (!row) return;
    const next = nextDeadline(await schedule.deadlinesOf(handle, row, clock.now()));
    await cases.updateCase(
      handle,
      id,
      { next_deadline_kind: next?.kind ?? null, next_deadline_at: next?.dueAt ?? null },
      clock.now(),
    );
  }

  const deadlineFacts = (row: CaseRecord) => ({
    state: row.state as CaseState,
    // An escrow report opened by a match: its SOP deadlines count from the opening.
    receivedAt: row.escrow_opened_at ?? row.received_at,
    firstContactAt: row.first_contact_at,
    firstConsentAt: row.first_consent_at,
    lastTeamUpdateAt: row.last_team_update_at,
    outcomeAt: row.outcome_at,
  });

  // ── Routing and conflicts ─────────────────────────────────────────────────────────────────────────
  async function route(
    handle: DbOrTx,
    input: {
      placeUnitId: number | null;
      asksDpp: boolean;
      namedOffice: ReportInput['namedOffice'];
      namedMemberId: string | null;
    },
  ) {
    const root = await units.findRoot(handle);
    if (!root) throw new AppError('unavailable');
    const place = input.placeUnitId ? await units.findById(handle, input.placeUnitId) : undefined;
    const offices = input.namedMemberId
      ? await cases.officeUnitsOf(handle, input.namedMemberId, today())
      : [];
    const placeUnit = place && place.active ? toUnit(place) : null;
    // issue 18: a report always has a responsible team; the unit chosen falls back up the tree to the
    // nearest one with an active case coordinator (case-routing.ts).
    const staffedUnitIds = await deps.coverage.staffedUnits(
      handle,
      unitsOnTheWayUp({ root: toUnit(root), placeUnit }),
    );
    const decision = routeToStaffedUnit({
      root: toUnit(root),
      placeUnit,
      asksDpp: input.asksDpp,
      namedOffice: input.namedOffice,
      namedOfficeUnits: offices.map(toUnit),
      staffedUnitIds,
    });
    const fallbackFrom =
      decision.fallbackFromUnitId === null
        ? undefined
        : await units.findById(handle, decision.fallbackFromUnitId);
    return { ...decision, fallbackFromName: fallbackFrom?.name ?? null };
  }

  /** Timeline facts of a routing decision: the basis, and the unit it went past when it fell back. */
  const routingFacts = (decision: Awaited<ReturnType<typeof route>>) => ({
    handlingUnitId: decision.unitId,
    routing: decision.reason,
    ...(decision.fallbackFromName !== null ? { noCoordinatorAt: decision.fallbackFromName } : {}),
    ...(decision.unstaffed ? { noCoordinatorAnywhere: true } : {}),
  });

  /**
   * domain/cases.md: never a handler — the named person, officers of the named person's PSP, anyone who
   * recused. Their open assignments end; they lose access at once.
   */
  async function refreshExclusions(handle: DbOrTx, row: CaseRecord, content: CaseContent): Promise<void> {
    const excluded = new Set(await cases.recusedUsers(handle, row.id));
    if (content.namedMemberId) {
      const member = await cases.memberById(handle, content.namedMemberId);
      const own = await cases.userOfMember(handle, content.namedMemberId);
      if (own) excluded.add(own.id);
      if (member)
        for (const id of await cases.officerAccountsAt(handle, member.home_unit_id, today()))
          excluded.add(id);
    }
    await cases.replaceExclusions(handle, row.id, [...excluded]);
    await cases.endAssignments(handle, row.id, { userIds: [...excluded] }, clock.now());
  }

  // ── Files ─────────────────────────────────────────────────────────────────────────────────────────
  async function checkedFiles(files: IncomingFile[]) {
    const checked = [];
    for (const file of files) {
      if (file.data.length === 0) continue;
      if (file.data.length > deps.maxFileBytes) throw new AppError('payload_too_large');
      const type = await fileTypeFromBuffer(file.data);
      if (!type || !acceptedMediaTypes.has(type.mime)) throw new AppError('unsupported_media_type');
      const name = file.name.replace(/[\\/\0\r\n]/g, '_').slice(0, 200) || `file.${type.ext}`;
      checked.push({ name, mediaType: type.mime, data: file.data });
    }
    return checked;
  }

  // ── Creating a case ───────────────────────────────────────────────────────────────────────────────
  async function createCase(
    actor: Actor | null,
    input: ReportInput,
    channel: CaseRecord['channel'],
    files: IncomingFile[],
    /** Runs last inside the case's transaction; a throw there undoes the whole report. */
    beforeCommit?: (tx: DbOrTx, created: SubmittedReport) => Promise<void>,
  ): Promise<{
    caseId: string;
    receipt: string;
    firstContactDueAt: Date;
    row: CaseRecord;
    /** Someone can act on it: false when no coordinator exists on the way up (case-routing.ts). */
    teamReady: boolean;
  }> {
    const accepted = await checkedFiles(files);
    const digits = generateReceipt();
    const hasher = await receipts();
    const receiptHash = await hasher.slowHash(digits);
    const now = clock.now();
    const id = randomUUID();
    let teamReady = true;
    const row = await db.transaction().execute(async (tx) => {
      const decision = await route(tx, {
        placeUnitId: input.placeUnitId ?? null,
        asksDpp: input.asksDpp,
        namedOffice: input.namedOffice,
        namedMemberId: null,
      });
      const placeUnit = input.placeUnitId ? await units.findById(tx, input.placeUnitId) : undefined;
      if (actor && input.placeUnitId && !placeUnit)
        throw new AppError('validation_failed', 'Unknown unit', {
          fields: [{ path: 'placeUnitId', message: 'invalid' }],
        });
      await cases.insertCase(
        tx,
        {
          id,
          reference: await cases.nextReference(tx, Number(today().slice(0, 4))),
          receipt_index: hasher.index(digits),
          receipt_hash: receiptHash,
          channel,
          reporter_role: input.reporterRole,
          forms: [...new Set(input.forms)],
          place: input.place,
          relationship: input.relationship,
          named_office: input.namedOffice,
          wishes: [...new Set(input.wishes)],
          asks_dpp: input.asksDpp,
          same_gender_handler: input.sameGenderHandler,
          survivor_sex: input.survivorSex ?? null,
          survivor_age_band: input.survivorAgeBand ?? null,
          incident_date: input.incidentDate ?? null,
          incident_date_approximate: input.incidentDateApproximate,
          place_unit_id: placeUnit && placeUnit.active ? placeUnit.id : null,
          handling_unit_id: decision.unitId,
          routing_reason: decision.reason,
          routing_conflict: decision.conflictAtHandlingUnit,
          routing_fallback_from_unit_id: decision.fallbackFromUnitId,
          received_at: now,
          created_by: actor?.userId ?? null,
        },
        emptyContent(input),
      );
      const created = (await cases.findCase(tx, id))!;
      await event(tx, actor, created, 'received', { channel, ...routingFacts(decision) });
      for (const file of accepted)
        await cases.addFile(tx, created, {
          at: now,
          fromReporter: actor === null,
          uploadedBy: actor?.userId ?? null,
          ...file,
        });
      if (accepted.length > 0)
        await event(tx, actor, created, 'file', {
          count: accepted.length,
          from: actor ? 'team' : 'reporter',
        });
      await refreshDeadline(tx, id);
      if (deps.escrow) await deps.escrow.afterCreate(tx, created, input, actor);
      const routed = (await cases.findCase(tx, id))!;
      await deps.coverage.afterRouted(tx, routed, decision);
      teamReady = !decision.unstaffed;
      await audit(tx, actor, actor ? 'case.intake' : 'case.report', created, {
        channel,
        files: accepted.length,
      });
      const stored = (await cases.findCase(tx, id))!;
      if (beforeCommit)
        await beforeCommit(tx, {
          receipt: formatReceipt(digits),
          receivedAt: stored.received_at,
          firstContactDueAt: firstContactDueOf(stored, now),
          teamReady,
        });
      return stored;
    });
    return {
      caseId: id,
      receipt: formatReceipt(digits),
      firstContactDueAt: firstContactDueOf(row, now),
      row,
      teamReady,
    };
  }

  const firstContactDueOf = (row: CaseRecord, now: Date) =>
    computeDeadlines(deadlineFacts(row), deps.deadlines, now).find(
      (deadline) => deadline.kind === 'first_contact',
    )!.dueAt;

  // ── Views ─────────────────────────────────────────────────────────────────────────────────────────
  function listItem(row: CaseRecord, roles: CaseRoleInCase[]): CaseListItem {
    const now = clock.now();
    return {
      id: row.id,
      reference: row.reference,
      state: row.state as CaseState,
      channel: row.channel as CaseListItem['channel'],
      forms: row.forms as CaseForm[],
      place: row.place as CaseListItem['place'],
      relationship: row.relationship as CaseListItem['relationship'],
      handlingUnit: { id: row.handling_unit_id, name: row.handling_unit_name },
      receivedAt: row.received_at.toISOString(),
      nextDeadline:
        row.next_deadline_at && row.next_deadline_kind
          ? {
              kind: row.next_deadline_kind as DeadlineKind,
              dueAt: row.next_deadline_at.toISOString(),
              late: row.next_deadline_at.getTime() < now.getTime(),
            }
          : null,
      sameGenderHandler: row.same_gender_handler,
      myRoles: roles,
    };
  }

  async function detail(
    handle: DbOrTx,
    actor: Actor,
    row: CaseRecord,
    roles: CaseRoleInCase[],
  ): Promise<CaseDetail> {
    const may = (part: CasePart) => canReadPart(roles, part);
    const content = await cases.openContent(handle, row);
    const [assignments, consents, referrals, measures, events] = await Promise.all([
      cases.openAssignments(handle, [row.id]),
      cases.consents(handle, row, may('notes')),
      cases.referrals(handle, row),
      cases.measures(handle, row),
      cases.events(handle, row, may('notes')),
    ]);
    const messages = may('messages') ? await cases.messages(handle, row) : null;
    const files = may('files') ? await cases.files(handle, row) : null;
    const namedMember = content.namedMemberId
      ? await cases.memberById(handle, content.namedMemberId)
      : undefined;
    const rightsNotes = may('notes')
      ? (JSON.parse(
          (await cases.openCaseText(handle, row, 'rights_notes', row.rights_notes_sealed)) ?? '{}',
        ) as Record<string, string>)
      : {};
    const ethicsNote = may('notes')
      ? await cases.openCaseText(handle, row, 'ethics_note', row.ethics_note_sealed)
      : null;
    const now = clock.now();
    const deadlines = await schedule.deadlinesOf(handle, row, now);
    const ethicsApplicable = row.relationship === 'pengurus_serikat' || row.place === 'kegiatan_serikat';
    const canReadNamed = may('named_person');

    // Every part with content this answer carries is logged (who, when, which case, what part).
    const partsRead = caseParts.filter(
      (part) =>
        part !== 'summary' &&
        part !== 'access_log' &&
        may(part) &&
        (part !== 'referrals' || referrals.length + measures.length > 0),
    );
    await cases.logAccess(handle, row.id, actor.userId, partsRead, now);

    return {
      ...listItem(row, roles),
      incidentDate: row.incident_date,
      incidentDateApproximate: row.incident_date_approximate,
      placeUnit: row.place_unit_id ? { id: row.place_unit_id, name: row.place_unit_name ?? '' } : null,
      routedPastUnit: row.routing_fallback_from_unit_id
        ? { id: row.routing_fallback_from_unit_id, name: row.routing_fallback_from_unit_name ?? '' }
        : null,
      namedOffice: row.named_office as CaseDetail['namedOffice'],
      wishes: row.wishes as CaseDetail['wishes'],
      asksDpp: row.asks_dpp,
      reporterRole: row.reporter_role as CaseDetail['reporterRole'],
      survivorSex: row.survivor_sex as 'L' | 'P' | null,
      survivorAgeBand: row.survivor_age_band as CaseDetail['survivorAgeBand'],
      outcome: row.outcome as CaseOutcome | null,
      closingReason: row.closing_reason as ClosingReason | null,
      firstContactAt: row.first_contact_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
      ethicsApplicable,
      deadlines: deadlines.map((deadline) => ({
        kind: deadline.kind,
        dueAt: deadline.dueAt.toISOString(),
        late: deadline.late,
        done: deadline.done,
      })),
      narrative: may('narrative') ? content.narrative : null,
      placeDetail: may('narrative') ? content.placeDetail : null,
      identity: may('identity')
        ? {
            reporterName: content.reporterName,
            contactMethod: content.contactMethod,
            contactValue: content.contactValue,
            safeTimes: content.safeTimes,
            consentToContact: content.consentToContact,
          }
        : null,
      namedPerson: canReadNamed
        ? {
            name: content.namedName,
            position: content.namedPosition,
            workplace: content.namedWorkplace,
            phone: content.namedPhone ?? null,
            employeeNumber: content.namedEmployeeNumber ?? null,
            member: namedMember
              ? { id: String(namedMember.id), name: namedMember.full_name, number: namedMember.member_number }
              : null,
          }
        : null,
      assignments: assignments.map((assignment) => ({
        id: assignment.id,
        user: { id: assignment.user_id, name: assignment.display_name },
        role: assignment.role as 'handler' | 'legal_aid',
        assignedAt: assignment.assigned_at.toISOString(),
        sex: assignment.sex as 'L' | 'P' | null,
      })),
      consents: consents.map((consent) => ({
        id: consent.id,
        route: consent.route as CaseDetail['consents'][number]['route'],
        status: consent.status as CaseDetail['consents'][number]['status'],
        recordedAt: consent.recorded_at.toISOString(),
        recordedBy: consent.display_name ?? '',
        note: consent.note,
      })),
      referrals: referrals.map((referral) => ({
        id: referral.id,
        service: referral.service as CaseDetail['referrals'][number]['service'],
        recipient: referral.recipient,
        referredOn: referral.referred_on,
        status: referral.status as CaseDetail['referrals'][number]['status'],
        outcome: referral.outcome,
        emergency: referral.emergency,
        emergencyReason: referral.emergencyReason,
        needsReview: referral.needs_review,
      })),
      measures: measures.map((measure) => ({
        id: measure.id,
        kind: measure.kind as CaseDetail['measures'][number]['kind'],
        status: measure.status as CaseDetail['measures'][number]['status'],
        description: measure.description,
        startedOn: measure.started_on,
      })),
      ethics:
        row.ethics_status && row.ethics_updated_at
          ? {
              status: row.ethics_status as NonNullable<CaseDetail['ethics']>['status'],
              note: ethicsNote,
              updatedAt: row.ethics_updated_at.toISOString(),
            }
          : null,
      rights: rightsItems.map((item) => ({
        item,
        status: (row.rights[item] ?? null) as CaseDetail['rights'][number]['status'],
        note: rightsNotes[item] ?? null,
      })),
      rightsReviewed: rightsItems.every((item) => row.rights[item] !== undefined),
      notes: may('notes')
        ? events
            .filter((entry) => entry.kind === 'note')
            .map((entry) => ({
              id: entry.id,
              at: entry.at.toISOString(),
              author: entry.display_name ?? '',
              body: entry.text ?? '',
            }))
        : null,
      messages: messages
        ? messages.map((message) => ({
            id: message.id,
            at: message.at.toISOString(),
            from: message.fromReporter ? ('reporter' as const) : ('team' as const),
            author: message.fromReporter ? null : message.author,
            body: message.body,
          }))
        : null,
      files: files
        ? files.map((file) => ({
            id: file.id,
            at: file.at.toISOString(),
            from: file.fromReporter ? ('reporter' as const) : ('team' as const),
            name: file.name,
            mediaType: file.mediaType,
            size: file.size,
          }))
        : null,
      timeline: events
        .filter((entry) => entry.kind !== 'note')
        .map((entry) => ({
          id: entry.id,
          at: entry.at.toISOString(),
          kind: entry.kind,
          actor: entry.actor_kind === 'user' ? (entry.display_name ?? '') : entry.actor_kind,
          facts: entry.facts,
          text: entry.text,
        })),
      allowed: {
        assign: canDoInCase(roles, 'assign'),
        recuse: canDoInCase(roles, 'recuse'),
        transitions: allowedTargets(row.state as CaseState, roles),
        addNote: canDoInCase(roles, 'note'),
        sendMessage: canDoInCase(roles, 'message'),
        recordConsent: canDoInCase(roles, 'consent'),
        refer: canDoInCase(roles, 'refer'),
        recordMeasure: canDoInCase(roles, 'measure'),
        recordEthics: ethicsApplicable && canDoInCase(roles, 'ethics'),
        reviewRights: canDoInCase(roles, 'rights'),
        uploadFile: canDoInCase(roles, 'file'),
        reroute: canDoInCase(roles, 'reroute'),
        reviewReferral: canDoInCase(roles, 'review_referral'),
        readAccessLog: canReadPart(roles, 'access_log'),
      },
    };
  }

  /**
   * Runs one change on a case in a transaction (access, the change, deadline refresh), then answers the
   * case as the caller now sees it. A change can move the case out of the caller's reach (rerouting to
   * another unit, recusal): it stays committed and the answer is `not_found`.
   */
  async function change(
    actor: Actor,
    id: string,
    action: CaseAction,
    work: (tx: DbOrTx, row: CaseRecord, roles: CaseRoleInCase[]) => Promise<void>,
  ): Promise<CaseDetail> {
    await db.transaction().execute(async (tx) => {
      const { row, roles } = await caseFor(tx, actor, id, action, true);
      await work(tx, row, roles);
      await refreshDeadline(tx, id);
    });
    const { row, roles } = await caseFor(db, actor, id);
    return detail(db, actor, row, roles);
  }

  const markTeamUpdate = (tx: DbOrTx, row: CaseRecord) =>
    cases.updateCase(tx, row.id, { last_team_update_at: clock.now() }, clock.now());

  return {
    // ── Public reporting (no account) ───────────────────────────────────────────────────────────────
    /** A report from the public form. Returns the receipt (formatted), shown once and never stored. */
    /**
     * A report from the public form. `beforeCommit` runs inside its transaction (the public form spends
     * its one-time token there, so a resend can never make a second case).
     */
    async submitReport(
      input: ReportInput,
      files: IncomingFile[],
      beforeCommit?: (tx: DbOrTx, created: SubmittedReport) => Promise<void>,
    ) {
      const { caseId, receipt, firstContactDueAt, row, teamReady } = await createCase(
        null,
        input,
        'web',
        files,
        beforeCommit,
      );
      return { caseId, receipt, firstContactDueAt, receivedAt: row.received_at, teamReady };
    },

    /** Finds the case of a receipt, or null. Slow by design and equally slow for a wrong receipt. */
    async findCaseByReceipt(receipt: string): Promise<string | null> {
      const started = Date.now();
      const digits = normaliseReceipt(receipt);
      let found: string | null = null;
      if (digits) {
        const hasher = await receipts();
        const candidates = await cases.receiptCandidates(db, hasher.index(digits));
        for (const candidate of candidates)
          if (await hasher.verify(candidate.receipt_hash, digits)) found = candidate.id;
        // With no candidate, still pay for one slow hash.
        if (candidates.length === 0) await hasher.slowHash(digits);
      }
      const elapsed = Date.now() - started;
      if (elapsed < RECEIPT_LOOKUP_FLOOR_MS) await sleep(RECEIPT_LOOKUP_FLOOR_MS - elapsed);
      return found;
    },

    /** What the reporter sees: state in plain words, next step, messages and files. No internal notes. */
    async reporterView(caseId: string): Promise<ReporterView> {
      const row = await cases.findCase(db, caseId);
      if (!row || row.purged_at) throw new AppError('not_found');
      const deadlines = await schedule.sopDeadlinesOf(db, row, clock.now());
      const shown = deadlines.filter((deadline) => !deadline.done && deadline.kind !== 'consent');
      const next = nextDeadline(shown);
      // When the team's next update is due: moves with every message or change of state from the team.
      const nextUpdate = deadlines.find((deadline) => deadline.kind === 'update');
      const [messages, files] = await Promise.all([cases.messages(db, row), cases.files(db, row)]);
      return {
        state: row.state as CaseState,
        receivedAt: row.received_at,
        nextStep: next ? { kind: next.kind, dueAt: next.dueAt } : null,
        nextUpdateAt: nextUpdate?.dueAt ?? null,
        closingReason: row.closing_reason,
        matched: deps.escrow ? await deps.escrow.isMatched(db, row.id) : false,
        escrow: row.escrow as ReporterView['escrow'],
        messages: messages.map((message) => ({
          id: message.id,
          at: message.at,
          from: message.fromReporter ? 'reporter' : 'team',
          body: message.body,
        })),
        files: files.map((file) => ({
          id: file.id,
          at: file.at,
          from: file.fromReporter ? 'reporter' : 'team',
          name: file.name,
        })),
      };
    },

    /** The reporter adds a message, information or files from the follow-up page. */
    async addReporterMessage(caseId: string, body: string, files: IncomingFile[]): Promise<void> {
      const text = body.trim().slice(0, 10_000);
      const accepted = await checkedFiles(files);
      if (!text && accepted.length === 0)
        throw new AppError('validation_failed', 'Empty message', {
          fields: [{ path: 'body', message: 'invalid_type' }],
        });
      await db.transaction().execute(async (tx) => {
        const row = await cases.lockCase(tx, caseId);
        if (!row || row.purged_at) throw new AppError('not_found');
        const now = clock.now();
        if (text) {
          await cases.addMessage(tx, row, { at: now, fromReporter: true, authorId: null, body: text });
          await event(tx, null, row, 'message_reporter');
        }
        for (const file of accepted)
          await cases.addFile(tx, row, { at: now, fromReporter: true, uploadedBy: null, ...file });
        if (accepted.length > 0)
          await event(tx, null, row, 'file', { count: accepted.length, from: 'reporter' });
        await audit(tx, null, 'case.reporter_message', row, { files: accepted.length });
      });
    },

    /** Active DPD units (depth 1), for the "where did it happen" choice on the public form. */
    async listReportingUnits(): Promise<{ id: number; name: string }[]> {
      const root = await units.findRoot(db);
      if (!root) return [];
      const children = await units.listChildren(db, root.id, false);
      return children.map((unit) => ({ id: unit.id, name: unit.name }));
    },

    // ── Staff ───────────────────────────────────────────────────────────────────────────────────────
    /** Staff intake of a report received in person, by phone or WhatsApp; hands back the receipt. */
    async intake(actor: Actor, body: IntakeBody) {
      const { channel, ...input } = body;
      const { receipt, row } = await createCase(actor, input, channel, []);
      const roles = await rolesIn(db, actor.principal, row);
      return { case: listItem(row, roles), receipt };
    },

    /** My cases (assigned to me) or my unit's cases (where I coordinate), sorted by next deadline. */
    async listCases(actor: Actor, query: ListCasesQuery) {
      const coordinated = actor.principal.grants
        .filter((grant) => grant.role === 'case_coordinator')
        .map((grant) => grant.unitId);
      const now = clock.now();
      let after: { key: string | null; id: string } | undefined;
      if (query.cursor) {
        const [key, id] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('|');
        if (!id || !/^[0-9a-f-]{36}$/.test(id) || (key && Number.isNaN(Date.parse(key))))
          throw new AppError('validation_failed', 'Bad cursor', {
            fields: [{ path: 'cursor', message: 'invalid' }],
          });
        after = { key: key || null, id };
      }
      const rows = await cases.listCases(db, {
        ...(query.scope === 'mine' ? { assignedTo: actor.userId } : { handlingUnitIds: coordinated }),
        excludedUserId: actor.userId,
        state: query.state,
        form: query.form,
        unitId: query.unitId,
        lateBefore: query.deadline === 'late' ? now : undefined,
        dueBefore: query.deadline === 'week' ? new Date(now.getTime() + 7 * 86_400_000) : undefined,
        sort: query.sort,
        after,
        limit: query.limit,
      });
      const page = rows.slice(0, query.limit);
      // The SQL filter narrows the rows; the gate still decides each one.
      const rolesOf = await gate.rolesInMany(db, actor.principal, page);
      const items = page.flatMap((row) => {
        const roles = rolesOf.get(row.id) ?? [];
        return roles.length > 0 ? [listItem(row, roles)] : [];
      });
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last
          ? Buffer.from(
              `${query.sort === 'deadline' ? (last.next_deadline_at?.toISOString() ?? '') : last.received_at.toISOString()}|${last.id}`,
            ).toString('base64url')
          : null;
      return { items, nextCursor };
    },

    /** The case page; logs each part with content that the answer carries. */
    async getCase(actor: Actor, id: string): Promise<CaseDetail> {
      const { row, roles } = await caseFor(db, actor, id);
      return detail(db, actor, row, roles);
    },

    /** Who read what part of the case, and when: for the coordinator and the case's handlers. */
    async accessLog(actor: Actor, id: string) {
      const { roles } = await caseFor(db, actor, id);
      if (!canReadPart(roles, 'access_log')) throw new AppError('forbidden');
      const rows = await cases.accessLog(db, id);
      return {
        items: rows.map((entry) => ({
          at: entry.at.toISOString(),
          user: { id: entry.user_id, name: entry.display_name },
          part: entry.part as CasePart,
        })),
      };
    },

    /** Candidate handlers and legal aid for the coordinator, with conflict and same-gender flags. */
    async assignable(actor: Actor, id: string) {
      const { row } = await caseFor(db, actor, id, 'assign');
      const [candidates, exclusions] = await Promise.all([
        cases.candidateAssignees(db, row.handling_unit_path),
        cases.exclusions(db, [row.id]),
      ]);
      const byUser = new Map<
        string,
        { name: string; sex: string | null; roles: Set<'handler' | 'legal_aid'> }
      >();
      for (const candidate of candidates) {
        const entry = byUser.get(candidate.id) ?? {
          name: candidate.display_name,
          sex: candidate.sex,
          roles: new Set(),
        };
        entry.roles.add(candidate.role === 'case_handler' ? 'handler' : 'legal_aid');
        byUser.set(candidate.id, entry);
      }
      const excluded = new Set(exclusions.map((x) => x.user_id));
      return {
        items: [...byUser].map(([userId, entry]) => ({
          user: { id: userId, name: entry.name },
          roles: [...entry.roles],
          sex: entry.sex as 'L' | 'P' | null,
          excluded: excluded.has(userId),
          sameGender:
            row.same_gender_handler && row.survivor_sex && entry.sex ? entry.sex === row.survivor_sex : null,
        })),
      };
    },

    /**
     * Member records that could be the named person, for the coordinator only (need-to-know: she sees
     * names and numbers in the handling unit's subtree, nothing more, and only from inside the case).
     */
    async namedCandidates(actor: Actor, id: string, q: string) {
      const { row } = await caseFor(db, actor, id, 'reroute');
      const rows = await cases.searchMembers(db, row.handling_unit_path, q);
      return {
        items: rows.map((member) => ({
          id: String(member.id),
          fullName: member.full_name,
          memberNumber: member.member_number,
          unitName: member.unit_name,
        })),
      };
    },

    /** The coordinator assigns a handler or legal aid; conflicts and the same-gender request are enforced. */
    assign: (actor: Actor, id: string, body: AssignBody) =>
      change(actor, id, 'assign', async (tx, row) => {
        const exclusions = await cases.exclusions(tx, [row.id]);
        if (exclusions.some((x) => x.user_id === body.userId)) throw new AppError('handler_conflict');
        const assigneeGrants = await cases.grantsOfUser(tx, body.userId);
        const principal: Principal = { userId: body.userId, grants: assigneeGrants };
        if (!isEligibleAssignee(principal, body.role, row.handling_unit_path))
          throw new AppError('handler_not_eligible');
        if (body.role === 'handler' && row.same_gender_handler && row.survivor_sex) {
          const sex = await cases.userSex(tx, body.userId);
          if (sex !== row.survivor_sex) throw new AppError('same_gender_required');
        }
        if (body.role === 'legal_aid') {
          // Sharing with TKBH is a disclosure: the survivor's consent to legal aid must be on record.
          const latest = await cases.latestConsents(tx, row.id);
          if (latest.get('bantuan_hukum') !== 'given') throw new AppError('consent_required');
        }
        const open = await cases.openAssignments(tx, [row.id]);
        if (open.some((a) => a.user_id === body.userId && a.role === body.role))
          throw new AppError('conflict');
        await cases.insertAssignment(tx, {
          case_id: row.id,
          user_id: body.userId,
          role: body.role,
          assigned_at: clock.now(),
          assigned_by: actor.userId,
        });
        await event(tx, actor, row, 'assignment', { role: body.role, userId: body.userId });
        await audit(tx, actor, 'case.assign', row, { role: body.role, userId: body.userId });
      }),

    endAssignment: (actor: Actor, id: string, assignmentId: string) =>
      change(actor, id, 'assign', async (tx, row) => {
        const ended = await cases.endAssignments(tx, row.id, { id: assignmentId }, clock.now());
        if (ended === 0) throw new AppError('not_found');
        await event(tx, actor, row, 'assignment_end', {});
        await audit(tx, actor, 'case.unassign', row, {});
      }),

    /** A handler (or coordinator, legal aid) steps away from a case; from then on it is hidden from her. */
    async recuse(actor: Actor, id: string, reason: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const { row } = await caseFor(tx, actor, id, 'recuse', true);
        await event(tx, actor, row, 'recusal', {}, reason);
        await refreshExclusions(tx, row, await cases.openContent(tx, row));
        await audit(tx, actor, 'case.recuse', row, {});
      });
    },

    /** A move in the SOP workflow, with its guard rails (case-workflow.ts). */
    transition: (actor: Actor, id: string, body: TransitionBody) =>
      change(actor, id, 'note', async (tx, row, roles) => {
        const decision = decideTransition(
          {
            state: row.state as CaseState,
            forms: row.forms as CaseForm[],
            rightsReviewed: rightsItems.every((item) => row.rights[item] !== undefined),
          },
          roles,
          body,
        );
        if (!decision.ok) throw new AppError(decision.code);
        const now = clock.now();
        await cases.updateCase(
          tx,
          row.id,
          {
            state: body.to,
            last_team_update_at: now,
            ...(row.state === 'received' && body.to === 'triage' && !row.first_contact_at
              ? { first_contact_at: now }
              : {}),
            ...(body.to === 'monitoring' ? { outcome: body.outcome ?? null, outcome_at: now } : {}),
            ...(body.to === 'closed' ? { closing_reason: body.closingReason ?? null, closed_at: now } : {}),
            ...(row.state === 'closed' ? { closing_reason: null, closed_at: null } : {}),
          },
          now,
        );
        const facts = {
          from: row.state,
          to: body.to,
          ...(body.outcome ? { outcome: body.outcome } : {}),
          ...(body.closingReason ? { closingReason: body.closingReason } : {}),
        };
        await event(tx, actor, row, 'transition', facts, body.reason);
        await audit(tx, actor, 'case.transition', row, facts);
      }),

    /** The coordinator corrects where it happened, links the named person, or the DPP request; reroutes. */
    reroute: (actor: Actor, id: string, body: RoutingBody) =>
      change(actor, id, 'reroute', async (tx, row) => {
        const content = await cases.openContent(tx, row);
        const placeUnitId = body.placeUnitId === undefined ? row.place_unit_id : body.placeUnitId;
        if (placeUnitId && !(await units.findById(tx, placeUnitId)))
          throw new AppError('validation_failed', 'Unknown unit', {
            fields: [{ path: 'placeUnitId', message: 'invalid' }],
          });
        const namedMemberId = body.namedMemberId === undefined ? content.namedMemberId : body.namedMemberId;
        if (namedMemberId && !(await cases.memberById(tx, namedMemberId)))
          throw new AppError('validation_failed', 'Unknown member', {
            fields: [{ path: 'namedMemberId', message: 'invalid' }],
          });
        const asksDpp = body.asksDpp ?? row.asks_dpp;
        const decision = await route(tx, {
          placeUnitId,
          asksDpp,
          namedOffice: row.named_office as ReportInput['namedOffice'],
          namedMemberId,
        });
        const now = clock.now();
        await cases.updateCase(
          tx,
          row.id,
          {
            place_unit_id: placeUnitId,
            asks_dpp: asksDpp,
            handling_unit_id: decision.unitId,
            routing_reason: decision.reason,
            routing_conflict: decision.conflictAtHandlingUnit,
            routing_fallback_from_unit_id: decision.fallbackFromUnitId,
          },
          now,
        );
        if (namedMemberId !== content.namedMemberId)
          await cases.writeContent(tx, row, { ...content, namedMemberId }, now);
        const moved = decision.unitId !== row.handling_unit_id;
        // A new handling unit has its own team: assignments at the old one end.
        if (moved) await cases.endAssignments(tx, row.id, {}, now);
        const fresh = (await cases.findCase(tx, row.id))!;
        await refreshExclusions(tx, fresh, { ...content, namedMemberId });
        const facts = { ...routingFacts(decision), moved, namedLinked: Boolean(namedMemberId) };
        await event(tx, actor, row, 'routing', facts, body.reason);
        // Audit details are codes only: the unit it fell back from by id, not by name.
        await audit(tx, actor, 'case.reroute', row, {
          handlingUnitId: decision.unitId,
          routing: decision.reason,
          fallbackFromUnitId: decision.fallbackFromUnitId,
          moved,
          namedLinked: Boolean(namedMemberId),
        });
        // The team it moved to learns of it at once (or the administrators, when there is none).
        if (moved) await deps.coverage.afterRouted(tx, fresh, decision);
      }),

    addNote: (actor: Actor, id: string, body: string) =>
      change(actor, id, 'note', async (tx, row) => {
        await event(tx, actor, row, 'note', {}, body);
        await audit(tx, actor, 'case.note', row);
      }),

    /** A message the reporter will see on her follow-up page; counts as an update to her. */
    sendMessage: (actor: Actor, id: string, body: string) =>
      change(actor, id, 'message', async (tx, row) => {
        await cases.addMessage(tx, row, {
          at: clock.now(),
          fromReporter: false,
          authorId: actor.userId,
          body,
        });
        await event(tx, actor, row, 'message_team');
        await markTeamUpdate(tx, row);
        await audit(tx, actor, 'case.message', row);
      }),

    recordConsent: (actor: Actor, id: string, body: ConsentBody) =>
      change(actor, id, 'consent', async (tx, row) => {
        const now = clock.now();
        await cases.addConsent(tx, row, {
          route: body.route,
          status: body.status,
          at: now,
          by: actor.userId,
          note: body.note,
        });
        if (!row.first_consent_at) await cases.updateCase(tx, row.id, { first_consent_at: now }, now);
        // Withdrawing consent to legal aid ends TKBH's access to the case at once.
        if (body.route === 'bantuan_hukum' && body.status !== 'given') {
          const open = await cases.openAssignments(tx, [row.id]);
          await cases.endAssignments(
            tx,
            row.id,
            { userIds: open.filter((a) => a.role === 'legal_aid').map((a) => a.user_id) },
            now,
          );
        }
        await event(tx, actor, row, 'consent', { route: body.route, status: body.status }, body.note ?? null);
        await audit(tx, actor, 'case.consent', row, { route: body.route, status: body.status });
      }),

    /** No referral without recorded consent for that route, except an emergency with a written reason. */
    addReferral: (actor: Actor, id: string, body: ReferralBody) =>
      change(actor, id, 'refer', async (tx, row) => {
        const latest = await cases.latestConsents(tx, row.id);
        const consented = latest.get(body.service) === 'given';
        if (!consented && !body.emergencyReason) throw new AppError('consent_required');
        const emergencyReason = consented ? null : body.emergencyReason;
        await cases.addReferral(tx, row, {
          service: body.service,
          recipient: body.recipient,
          referredOn: body.referredOn,
          emergencyReason,
          at: clock.now(),
          by: actor.userId,
        });
        const facts = { service: body.service, emergency: Boolean(emergencyReason) };
        await event(tx, actor, row, 'referral', facts, emergencyReason ?? null);
        await audit(tx, actor, 'case.referral', row, facts);
      }),

    updateReferral: (actor: Actor, id: string, referralId: string, body: UpdateReferralBody) =>
      change(actor, id, 'refer', async (tx, row) => {
        if (!(await cases.findReferral(tx, row.id, referralId))) throw new AppError('not_found');
        await cases.updateReferral(tx, row, referralId, { status: body.status, outcome: body.outcome });
        await event(tx, actor, row, 'referral_update', { status: body.status }, body.outcome ?? null);
        await audit(tx, actor, 'case.referral_update', row, { status: body.status });
      }),

    /** The coordinator reviews an emergency referral made without consent. */
    reviewReferral: (actor: Actor, id: string, referralId: string) =>
      change(actor, id, 'review_referral', async (tx, row) => {
        const referral = await cases.findReferral(tx, row.id, referralId);
        if (!referral) throw new AppError('not_found');
        if (!referral.needs_review) throw new AppError('conflict');
        await cases.updateReferral(tx, row, referralId, {
          reviewedBy: actor.userId,
          reviewedAt: clock.now(),
        });
        await event(tx, actor, row, 'referral_review', { service: referral.service });
        await audit(tx, actor, 'case.referral_review', row, { service: referral.service });
      }),

    addMeasure: (actor: Actor, id: string, body: MeasureBody) =>
      change(actor, id, 'measure', async (tx, row) => {
        await cases.addMeasure(tx, row, {
          kind: body.kind,
          status: body.status,
          description: body.description,
          startedOn: body.startedOn ?? null,
          at: clock.now(),
          by: actor.userId,
        });
        await event(tx, actor, row, 'measure', { kind: body.kind, status: body.status });
        await audit(tx, actor, 'case.measure', row, { kind: body.kind, status: body.status });
      }),

    updateMeasure: (actor: Actor, id: string, measureId: string, status: string) =>
      change(actor, id, 'measure', async (tx, row) => {
        if ((await cases.updateMeasure(tx, row.id, measureId, status)) === 0) throw new AppError('not_found');
        await event(tx, actor, row, 'measure_update', { status });
        await audit(tx, actor, 'case.measure_update', row, { status });
      }),

    /** The union-internal ethics process: only when the named person is an officer or at a union event. */
    setEthics: (actor: Actor, id: string, body: EthicsBody) =>
      change(actor, id, 'ethics', async (tx, row) => {
        if (row.relationship !== 'pengurus_serikat' && row.place !== 'kegiatan_serikat')
          throw new AppError('ethics_not_applicable');
        // Starting the ethics process discloses the case inside the union: the survivor must consent.
        const latest = await cases.latestConsents(tx, row.id);
        if (latest.get('proses_etik') !== 'given') throw new AppError('consent_required');
        const now = clock.now();
        await cases.updateCase(
          tx,
          row.id,
          {
            ethics_status: body.status,
            ethics_note_sealed: await cases.sealCaseText(tx, row, 'ethics_note', body.note),
            ethics_updated_at: now,
          },
          now,
        );
        await event(tx, actor, row, 'ethics', { status: body.status }, body.note ?? null);
        await audit(tx, actor, 'case.ethics', row, { status: body.status });
      }),

    /** Reviews items of the rights checklist (UU TPKS Arts. 68–70). */
    reviewRights: (actor: Actor, id: string, body: RightsBody) =>
      change(actor, id, 'rights', async (tx, row) => {
        const rights = { ...row.rights };
        const notes = JSON.parse(
          (await cases.openCaseText(tx, row, 'rights_notes', row.rights_notes_sealed)) ?? '{}',
        ) as Record<string, string>;
        for (const entry of body.items) {
          rights[entry.item] = entry.status;
          if (entry.note) notes[entry.item] = entry.note;
          else delete notes[entry.item];
        }
        await cases.updateCase(
          tx,
          row.id,
          {
            rights: JSON.stringify(rights),
            rights_notes_sealed: await cases.sealCaseText(tx, row, 'rights_notes', JSON.stringify(notes)),
          },
          clock.now(),
        );
        const facts = { reviewed: Object.keys(rights).length, of: rightsItems.length };
        await event(tx, actor, row, 'rights', facts);
        await audit(tx, actor, 'case.rights', row, facts);
      }),

    uploadFile: async (actor: Actor, id: string, file: IncomingFile) => {
      const [accepted] = await checkedFiles([file]);
      if (!accepted)
        throw new AppError('validation_failed', 'Empty file', {
          fields: [{ path: 'file', message: 'invalid_type' }],
        });
      return change(actor, id, 'file', async (tx, row) => {
        await cases.addFile(tx, row, {
          at: clock.now(),
          fromReporter: false,
          uploadedBy: actor.userId,
          ...accepted,
        });
        await event(tx, actor, row, 'file', { count: 1, from: 'team' });
        await audit(tx, actor, 'case.file', row, { mediaType: accepted.mediaType });
      });
    },

    /** A file of the case, for download; logged as a read of `files`. */
    async downloadFile(actor: Actor, id: string, fileId: string) {
      const { row, roles } = await caseFor(db, actor, id);
      if (!canReadPart(roles, 'files')) throw new AppError('not_found');
      const file = await cases.fileContent(db, row, fileId);
      if (!file) throw new AppError('not_found');
      await cases.logAccess(db, row.id, actor.userId, ['files'], clock.now());
      return file;
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
