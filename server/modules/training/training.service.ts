import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { groupBy } from '../../../shared/group-by.ts';
import type {
  AddFacilitatorInput,
  AttendanceResponse,
  CertificateView,
  ClassDetail,
  CompletionResponse,
  CreateClassInput,
  CreateProgramInput,
  CreateSessionInput,
  DecideInput,
  MemberTrainingResponse,
  ProgramDetail,
  ProgramSummary,
  RecordAttendanceInput,
  TrackView,
} from '../../../shared/contracts/training.ts';
import type { SubjectEvaluationView } from '../../../shared/contracts/quota.ts';
import {
  attendanceStatuses,
  movesNeedingReason,
  participantMoves,
  participantStatuses,
  seatHoldingStatuses,
  type AttendanceStatus,
  type ParticipantStatus,
} from '../../../shared/training-taxonomies.ts';
import { can, isWithin, scopeOf, type Principal } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import { generateCheckedCode } from '../../platform/check-codes.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { sniffUpload } from '../../platform/uploads.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import { applicableRules, requiredWomen } from '../quota/quota-engine.ts';
import type { QuotaEvaluator } from '../quota/quota.service.ts';
import {
  openClass,
  openParticipant,
  openSession,
  visibleClassIds,
  type OpenedClass,
} from './training-access.ts';
import { writeMark } from './attendance.ts';
import { hasTest, postScoresOf } from './test-attempts.ts';
import {
  certificateState,
  completionOf,
  eligibilityFailuresOf,
  weightedAttendance,
  type AttendanceWeights,
} from './training-rules.ts';
import type { TrainingRepository } from './training.repository.ts';
import { buildSignInSheet } from './sign-in-sheet.ts';
import { buildCertificatePdf } from './certificate-pdf.ts';
import type { Language } from '../../../shared/roles.ts';

type UnitJudgement = ClassDetail['allocations'][number]['judgement'];

/** What a photo of a signed sheet may be (sniffed from the bytes). */
const sheetPhotoTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
const iso = (value: Date | string) => new Date(value).toISOString();
const num = (value: string | number | null) => (value === null ? null : Number(value));

/**
 * Capacity building (issue 12, shared/domain/training.md): programs, classes, sessions, the call,
 * nominations and decisions, attendance, completion and certificates. Every class is reached through
 * training-access.ts; every attendance mark is written by attendance.ts.
 */
export function createTrainingService(deps: {
  db: Db;
  training: TrainingRepository;
  evaluator: QuotaEvaluator;
  mailer: Mailer;
  clock: Clock;
  publicUrl?: string;
  /** Largest sheet photo accepted, in bytes. */
  maxPhotoBytes: number;
  /** Cadre stages: proposes the next stage of members who completed or facilitated a class (cadre module). */
  cadre?: { proposeFor(handle: DbOrTx, memberIds: readonly string[]): Promise<number> };
}) {
  const { db, training, evaluator, mailer, clock } = deps;
  const today = () => isoDateIn(clock.now());

  const audit = actorAudit(clock);

  async function weightsOf(handle: DbOrTx): Promise<AttendanceWeights> {
    const rows = await training.weights(handle);
    const weights = Object.fromEntries(attendanceStatuses.map((status) => [status, 0])) as Record<
      AttendanceStatus,
      number
    >;
    for (const row of rows) weights[row.status as AttendanceStatus] = Number(row.points);
    return weights;
  }

  /** The participant list judged by the quota rules: seats = class seats, filled = seat holders. */
  async function classQuota(handle: DbOrTx, opened: OpenedClass) {
    const { row } = opened;
    const unit = (await training.unit(handle, row.program_unit_id))!;
    const holders = await training.seatHolders(handle, row.id);
    const seats = holders.map((holder) => ({
      positionTitle: null,
      positionCategory: null,
      filled: true,
      sex: holder.sex as 'L' | 'P' | null,
      acting: false,
      memberName: null,
    }));
    const { view, rules } = await evaluator.evaluateSeats(
      {
        kind: 'training_class',
        level: unit.level,
        id: String(row.id),
        name: row.title,
        unitId: unit.id,
        unitName: unit.name,
      },
      seats,
      row.seats,
      row.starts_on,
      handle,
    );
    // A women-only class cannot fall below a women's quota: not applicable (training.md).
    const judged: SubjectEvaluationView = row.women_only
      ? { ...view, status: 'not_applicable', evaluations: [] }
      : view;
    return { view: judged, rules, level: unit.level, holders };
  }

  /**
   * Each unit's live nominations judged by the same quota rules over its seats in the call: a unit
   * with 4 seats that nominates 4 men is told so before the organiser returns the list (training.md).
   */
  async function unitJudgements(
    handle: DbOrTx,
    opened: OpenedClass,
    allocations: readonly { unit_id: number; unit_name: string; seats: number }[],
  ): Promise<Map<number, UnitJudgement>> {
    const { row } = opened;
    const judgements = new Map<number, UnitJudgement>();
    if (row.women_only || allocations.length === 0) return judgements;
    const [unit, nominees] = await Promise.all([
      training.unit(handle, row.program_unit_id),
      training.nomineeSexes(handle, row.id),
    ]);
    for (const allocation of allocations) {
      const seats = nominees
        .filter((nominee) => nominee.nominating_unit_id === allocation.unit_id)
        .map((nominee) => ({
          positionTitle: null,
          positionCategory: null,
          filled: true,
          sex: nominee.sex as 'L' | 'P' | null,
          acting: false,
          memberName: null,
        }));
      const { view } = await evaluator.evaluateSeats(
        {
          kind: 'training_class',
          level: unit!.level,
          id: String(row.id),
          name: row.title,
          unitId: allocation.unit_id,
          unitName: allocation.unit_name,
        },
        seats,
        Math.max(allocation.seats, seats.length),
        row.starts_on,
        handle,
      );
      if (view.status === 'not_applicable') continue;
      judgements.set(allocation.unit_id, {
        status: view.status,
        women: view.counts.women,
        required: Math.max(0, ...view.evaluations.map((evaluation) => evaluation.requiredWomen)),
      });
    }
    return judgements;
  }

  async function programSummaryOf(handle: DbOrTx, id: number): Promise<ProgramSummary> {
    const row = (await training.program(handle, id))!;
    return {
      id: row.id,
      unitId: row.unit_id,
      unitName: row.unit_name,
      name: row.name,
      partners: row.partners,
      venue: row.venue,
      funding: row.funding,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      classCount: row.class_count,
    };
  }

  async function classDetail(handle: DbOrTx, actor: Actor, opened: OpenedClass): Promise<ClassDetail> {
    const { row, rights, nominationScope } = opened;
    const seesAll = rights.has('run');
    const [summary] = await training.classesOf(handle, row.program_id, [row.id]);
    const [sessions, allocations, trainers, facilitators, participants, weights, marks] = await Promise.all([
      training.sessions(handle, row.id),
      training.allocations(handle, row.id),
      training.trainers(handle, row.id),
      training.facilitators(handle, row.id),
      training.participants(handle, row.id, seesAll ? 'all' : nominationScope),
      weightsOf(handle),
      training.marksOfClass(handle, row.id),
    ]);
    const ids = participants.map((participant) => participant.id);
    const [events, certificates] = await Promise.all([
      training.events(handle, ids),
      training.latestCertificates(handle, ids),
    ]);
    // Each participant's marks, certificate and decisions, grouped once (not searched per participant).
    const marksOf = groupBy(marks, (mark) => mark.participant_id);
    const eventsOf = groupBy(events, (event) => event.participant_id);
    // Newest certificate first (the repository's order): a participant's first row is her current one.
    const certificateOf = new Map(
      [...groupBy(certificates, (item) => item.participant_id)].map(([id, rows]) => [id, rows[0]!]),
    );
    const now = today();
    const quota = seesAll ? (await classQuota(handle, opened)).view : null;
    const visibleAllocations = allocations.filter(
      (allocation) =>
        seesAll ||
        nominationScope.some(
          (root) => isWithin(allocation.unit_path, root) || isWithin(root, allocation.unit_path),
        ),
    );
    const judgements = await unitJudgements(handle, opened, visibleAllocations);
    return {
      id: row.id,
      programId: row.program_id,
      programName: row.program_name,
      programUnitId: row.program_unit_id,
      track: row.track,
      level: row.level as ClassDetail['level'],
      title: row.title,
      seats: row.seats,
      womenOnly: row.women_only,
      maxAge: row.max_age,
      prerequisites: row.prerequisites as ClassDetail['prerequisites'],
      minAttendance: Number(row.min_attendance),
      minPostScore: num(row.min_post_score),
      hours: num(row.hours),
      certificateValidYears: row.certificate_valid_years,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      seatsTaken: summary!.seats_taken,
      nominated: summary!.nominated,
      sessions: sessions.map((session) => ({
        id: session.id,
        title: session.title,
        startsAt: iso(session.starts_at),
        endsAt: iso(session.ends_at),
        venue: session.venue,
        online: session.online,
        marked: session.marked,
        tally:
          session.women === null
            ? null
            : { women: session.women, men: session.men!, unknown: session.unknown! },
      })),
      // A nominator sees the seats of the units she nominates for, not the whole call.
      allocations: visibleAllocations.map((allocation) => ({
        unitId: allocation.unit_id,
        unitName: allocation.unit_name,
        seats: allocation.seats,
        nominated: allocation.nominated,
        judgement: judgements.get(allocation.unit_id) ?? null,
      })),
      trainers: seesAll ? trainers.map((trainer) => ({ userId: trainer.user_id, email: trainer.email })) : [],
      facilitators: facilitators.map((facilitator) => ({
        id: facilitator.id,
        name: facilitator.name,
        organisation: facilitator.organisation,
        external: facilitator.member_id === null,
        sex: facilitator.sex as 'L' | 'P' | null,
      })),
      participants: participants.map((participant) => {
        const own = (marksOf.get(participant.id) ?? []).map((mark) => mark.status as AttendanceStatus);
        const certificate = certificateOf.get(participant.id);
        return {
          id: participant.id,
          memberId: participant.member_id,
          memberNumber: participant.member_number,
          name: participant.name,
          sex: participant.sex as 'L' | 'P' | null,
          unitName: participant.unit_name,
          nominatingUnitId: participant.nominating_unit_id,
          nominatingUnitName: participant.nominating_unit_name,
          status: participant.status as ParticipantStatus,
          reason: participant.reason,
          enrolmentCode: rights.has('organise') ? participant.enrolment_code : null,
          attendance: weightedAttendance(weights, sessions.length, own),
          certificate: certificate
            ? {
                code: certificate.code,
                state: certificateState(certificate, now),
                issuedAt: iso(certificate.issued_at),
              }
            : null,
          history: (eventsOf.get(participant.id) ?? []).map((event) => ({
            status: event.status as ParticipantStatus,
            reason: event.reason,
            actor: event.actor,
            at: iso(event.at),
          })),
        };
      }),
      quota,
      can: {
        organise: rights.has('organise'),
        run: rights.has('run'),
        nominate: rights.has('nominate') || rights.has('organise'),
      },
    };
  }

  const reopen = async (handle: DbOrTx, actor: Actor, classId: number) =>
    classDetail(handle, actor, await openClass(handle, actor.principal, classId, 'see'));

  function requireOrganiserAt(principal: Principal, unitPath: string) {
    if (!can(principal, 'training.organise', unitPath)) throw new AppError('forbidden');
  }

  /**
   * Accepting a participant must leave the class able to meet each binding quota rule: the women already
   * holding seats plus the seats still free must reach the women the rule requires of the class's seats.
   * A rule enforced by `block` (or `return_delegation`) refuses the acceptance; `warn` and `info` let it
   * through and the class page shows the judgement.
   */
  async function checkAcceptance(handle: DbOrTx, opened: OpenedClass, sex: 'L' | 'P' | null) {
    if (opened.row.women_only) return;
    const { rules, level, holders } = await classQuota(handle, opened);
    const applicable = applicableRules(rules, { kind: 'training_class', level }, opened.row.starts_on);
    const women = holders.filter((holder) => holder.sex === 'P').length + (sex === 'P' ? 1 : 0);
    const seatsLeft = opened.row.seats - holders.length - 1;
    for (const rule of applicable) {
      if (rule.enforcement !== 'block' && rule.enforcement !== 'return_delegation') continue;
      if (rule.metric !== 'filled_share' && rule.metric !== 'statutory_share') continue;
      let required = requiredWomen(opened.row.seats, rule.thresholdBp, rule.rounding);
      if (rule.minimum && opened.row.seats >= rule.minimum.whenSeatsAtLeast && required < rule.minimum.women)
        required = Math.min(rule.minimum.women, opened.row.seats);
      if (women + seatsLeft < required)
        throw new AppError('training_below_quota', undefined, {
          public: { required, women, seatsLeft, rule: rule.name },
        });
    }
  }

  async function sendInvitation(
    handle: DbOrTx,
    opened: OpenedClass,
    participant: { member_id: string | null; enrolment_code: string },
  ) {
    if (!participant.member_id) return;
    const member = await training.memberAsOf(handle, participant.member_id, opened.row.starts_on);
    if (!member?.email) return;
    const dates =
      opened.row.starts_on === opened.row.ends_on
        ? opened.row.starts_on
        : `${opened.row.starts_on} – ${opened.row.ends_on}`;
    await mailer.enqueue(handle, {
      to: member.email,
      // Members choose no language in Setara: invitations go in the default language.
      ...renderEmail('trainingInvitation', 'id', {
        name: member.full_name,
        className: opened.row.title,
        programName: opened.row.program_name,
        dates,
        code: participant.enrolment_code,
        link: `${deps.publicUrl ?? ''}/hadir`,
      }),
    });
  }

  return {
    async listTracks(): Promise<TrackView[]> {
      return (await training.tracks(db))
        .filter((track) => track.active)
        .map((track) => ({
          code: track.code,
          womenOnly: track.women_only,
          maxAge: track.max_age,
          labels: { id: track.label_id, en: track.label_en },
        }));
    },

    /**
     * A member's classes for her member page: whoever reads her record (member.read over her unit) sees
     * her training, as she sees her positions there. Anyone else: 404, as for the member.
     */
    async memberHistory(actor: Actor, memberId: string): Promise<MemberTrainingResponse['items']> {
      const member = await training.memberAsOf(db, memberId, today());
      if (!member || !can(actor.principal, 'member.read', member.unit_path)) throw new AppError('not_found');
      const rows = await training.historyOf(db, memberId);
      const certificates = await training.latestCertificates(
        db,
        rows.map((row) => row.id),
      );
      const now = today();
      return rows.map((row) => {
        const certificate = certificates.find((item) => item.participant_id === row.id);
        return {
          participantId: row.id,
          classTitle: row.title,
          track: row.track,
          trackLabels: { id: row.label_id, en: row.label_en },
          level: row.level as ClassDetail['level'],
          programName: row.program_name,
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          status: row.status as ParticipantStatus,
          certificate: certificate
            ? { code: certificate.code, state: certificateState(certificate, now) }
            : null,
        };
      });
    },

    async listPrograms(actor: Actor): Promise<ProgramSummary[]> {
      const rows = await training.programs(
        db,
        scopeOf(actor.principal, 'training.organise'),
        visibleClassIds(actor.principal),
      );
      return rows.map((row) => ({
        id: row.id,
        unitId: row.unit_id,
        unitName: row.unit_name,
        name: row.name,
        partners: row.partners,
        venue: row.venue,
        funding: row.funding,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        classCount: row.class_count,
      }));
    },

    async createProgram(actor: Actor, input: CreateProgramInput): Promise<ProgramDetail> {
      return db.transaction().execute(async (tx) => {
        const unit = await training.unit(tx, input.unitId);
        if (!unit || !can(actor.principal, 'unit.read', unit.path)) throw new AppError('not_found');
        requireOrganiserAt(actor.principal, unit.path);
        const { id } = await tx
          .insertInto('training_programs')
          .values({
            unit_id: unit.id,
            name: input.name,
            partners: [...new Set(input.partners)],
            venue: input.venue ?? null,
            funding: input.funding ?? null,
            starts_on: input.startsOn,
            ends_on: input.endsOn,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'training.program_create', 'training_program', String(id), unit.id);
        return { ...(await programSummaryOf(tx, id)), classes: [], canOrganise: true };
      });
    },

    async getProgram(actor: Actor, id: number): Promise<ProgramDetail> {
      const program = await training.program(db, id);
      if (!program) throw new AppError('not_found');
      const organiser = can(actor.principal, 'training.organise', program.unit_path);
      const classes = await training.classesOf(
        db,
        id,
        organiser ? undefined : visibleClassIds(actor.principal),
      );
      if (!organiser && classes.length === 0) throw new AppError('not_found');
      return {
        ...(await programSummaryOf(db, id)),
        classes: classes.map((row) => ({
          id: row.id,
          programId: row.program_id,
          track: row.track,
          level: row.level as ClassDetail['level'],
          title: row.title,
          seats: row.seats,
          womenOnly: row.women_only,
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          seatsTaken: row.seats_taken,
          nominated: row.nominated,
        })),
        canOrganise: organiser,
      };
    },

    async createClass(actor: Actor, programId: number, input: CreateClassInput): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const program = await training.program(tx, programId);
        if (!program) throw new AppError('not_found');
        requireOrganiserAt(actor.principal, program.unit_path);
        const track = await training.track(tx, input.track);
        if (!track || !track.active)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'track', message: 'unknown_track' }],
          });
        for (const prerequisite of input.prerequisites ?? [])
          if (!(await training.track(tx, prerequisite.track)))
            throw new AppError('validation_failed', undefined, {
              fields: { prerequisites: 'unknown_track' },
            });
        const { id } = await tx
          .insertInto('training_classes')
          .values({
            program_id: programId,
            track: track.code,
            level: input.level,
            title: input.title,
            seats: input.seats,
            women_only: input.womenOnly ?? track.women_only,
            max_age: input.maxAge === undefined ? track.max_age : input.maxAge,
            prerequisites: JSON.stringify(input.prerequisites ?? []),
            min_attendance: input.minAttendance ?? 0.8,
            min_post_score: input.minPostScore ?? null,
            starts_on: input.startsOn,
            ends_on: input.endsOn,
            hours: input.hours ?? null,
            certificate_valid_years: input.certificateValidYears ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'training.class_create', 'training_class', String(id), program.unit_id);
        return reopen(tx, actor, id);
      });
    },

    async getClass(actor: Actor, id: number): Promise<ClassDetail> {
      return reopen(db, actor, id);
    },

    async addSession(actor: Actor, classId: number, input: CreateSessionInput): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'run', { lock: true });
        const { id } = await tx
          .insertInto('training_sessions')
          .values({
            class_id: classId,
            title: input.title ?? null,
            starts_at: input.startsAt,
            ends_at: input.endsAt,
            venue: input.venue ?? null,
            online: input.online ?? false,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(
          tx,
          actor,
          'training.session_create',
          'training_session',
          String(id),
          opened.row.program_unit_id,
        );
        return classDetail(tx, actor, opened);
      });
    },

    async setAllocation(
      actor: Actor,
      classId: number,
      input: { unitId: number; seats: number },
    ): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'organise', { lock: true });
        const unit = await training.unit(tx, input.unitId);
        if (!unit || !can(actor.principal, 'unit.read', unit.path)) throw new AppError('not_found');
        if (input.seats === 0) {
          await tx
            .deleteFrom('training_seat_allocations')
            .where('class_id', '=', classId)
            .where('unit_id', '=', unit.id)
            .execute();
        } else {
          await tx
            .insertInto('training_seat_allocations')
            .values({ class_id: classId, unit_id: unit.id, seats: input.seats })
            .onConflict((conflict) =>
              conflict.columns(['class_id', 'unit_id']).doUpdateSet({ seats: input.seats }),
            )
            .execute();
        }
        await audit(
          tx,
          actor,
          'training.allocation_set',
          'training_class',
          String(classId),
          opened.row.program_unit_id,
          {
            unitId: unit.id,
            seats: input.seats,
          },
        );
        return classDetail(tx, actor, opened);
      });
    },

    async addTrainer(actor: Actor, classId: number, email: string): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'organise', { lock: true });
        const user = await tx
          .selectFrom('users')
          .select(['id'])
          .where(sql<string>`lower(email)`, '=', email.toLowerCase())
          .where('active', '=', true)
          .executeTakeFirst();
        const holdsTrainer =
          user &&
          (await tx
            .selectFrom('role_grants')
            .select('user_id')
            .where('user_id', '=', user.id)
            .where('role', 'in', ['trainer', 'gender_officer'])
            .executeTakeFirst());
        // Only an active account that holds the trainer (or gender officer) role can run a class.
        if (!user || !holdsTrainer)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'email', message: 'not_a_trainer' }],
          });
        await tx
          .insertInto('training_class_trainers')
          .values({ class_id: classId, user_id: user.id })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
        await audit(
          tx,
          actor,
          'training.trainer_add',
          'training_class',
          String(classId),
          opened.row.program_unit_id,
          {
            userId: user.id,
          },
        );
        return classDetail(tx, actor, opened);
      });
    },

    async addFacilitator(actor: Actor, classId: number, input: AddFacilitatorInput): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'organise', { lock: true });
        if ('memberId' in input) {
          const member = await training.memberAsOf(tx, input.memberId, opened.row.starts_on);
          if (!member || !can(actor.principal, 'member.read', member.unit_path))
            throw new AppError('not_found');
          await tx
            .insertInto('training_facilitators')
            .values({ class_id: classId, member_id: member.id })
            .onConflict((conflict) => conflict.doNothing())
            .execute();
        } else {
          const { id } = await tx
            .insertInto('training_external_persons')
            .values({
              full_name: input.external.fullName,
              organisation: input.external.organisation ?? null,
              sex: input.external.sex ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await tx
            .insertInto('training_facilitators')
            .values({ class_id: classId, external_person_id: id })
            .execute();
        }
        await audit(
          tx,
          actor,
          'training.facilitator_add',
          'training_class',
          String(classId),
          opened.row.program_unit_id,
        );
        return classDetail(tx, actor, opened);
      });
    },

    /**
     * An officer nominates a member of her subtree against the seats of the unit in the call that holds
     * the member. The member's record as of the class start date must pass every rule of the class;
     * otherwise 422 `not_eligible` names each failing rule.
     */
    async nominate(actor: Actor, classId: number, memberId: string): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'see', { lock: true });
        const { row } = opened;
        const member = await training.memberAsOf(tx, memberId, row.starts_on);
        const organiser = opened.rights.has('organise');
        const mayNominate =
          member &&
          (opened.nominationScope.some((root) => isWithin(member.unit_path, root)) ||
            (organiser && isWithin(member.unit_path, row.program_unit_path)));
        if (!member || !mayNominate || !can(actor.principal, 'member.read', member.unit_path)) {
          if (!opened.rights.has('nominate') && !organiser) throw new AppError('forbidden');
          throw new AppError('not_found');
        }
        const allocations = await training.allocations(tx, classId);
        // The deepest unit in the call that holds the member takes the nomination.
        const allocation = allocations
          .filter((candidate) => isWithin(member.unit_path, candidate.unit_path))
          .sort((a, b) => b.unit_path.length - a.unit_path.length)[0];
        if (!allocation && !organiser) throw new AppError('not_found');
        if (allocation && allocation.nominated >= allocation.seats) throw new AppError('seats_full');
        const failures = eligibilityFailuresOf(
          {
            womenOnly: row.women_only,
            maxAge: row.max_age,
            prerequisites: row.prerequisites,
            startsOn: row.starts_on,
          },
          {
            status: member.status_on,
            sex: member.sex as 'L' | 'P' | null,
            birthYear: member.birth_year,
            completed: await training.completedClasses(tx, member.id, row.starts_on),
          },
        );
        if (failures.length) throw new AppError('not_eligible', undefined, { public: { failures } });
        const existing = await tx
          .selectFrom('training_participants')
          .select(['id', 'status'])
          .where('class_id', '=', classId)
          .where('member_id', '=', member.id)
          .executeTakeFirst();
        if (existing) throw new AppError('conflict', undefined, { public: { status: existing.status } });
        const { id } = await tx
          .insertInto('training_participants')
          .values({
            class_id: classId,
            member_id: member.id,
            nominating_unit_id: allocation?.unit_id ?? row.program_unit_id,
            status: 'nominated',
            enrolment_code: generateCheckedCode(8),
            nominated_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('training_participant_events')
          .values({ participant_id: id, status: 'nominated', actor_id: actor.userId, at: clock.now() })
          .execute();
        await audit(
          tx,
          actor,
          'training.nominate',
          'training_participant',
          id,
          allocation?.unit_id ?? row.program_unit_id,
          {
            classId,
          },
        );
        return classDetail(tx, actor, opened);
      });
    },

    /** The organisers' decision on a participant, kept with who, when and why. */
    async decide(actor: Actor, participantId: string, input: DecideInput): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openParticipant(tx, actor.principal, participantId, 'organise', { lock: true });
        const { participant } = opened;
        const from = participant.status as ParticipantStatus;
        const to = input.status;
        if (!participantMoves[from].includes(to))
          throw new AppError('participant_state', undefined, { public: { from, to } });
        if (movesNeedingReason.includes(to) && !input.reason)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'reason', message: 'reason_required' }],
          });
        const takesSeat = seatHoldingStatuses.includes(to) && !seatHoldingStatuses.includes(from);
        if (takesSeat) {
          const holders = await training.seatHolders(tx, opened.row.id);
          if (holders.length >= opened.row.seats) throw new AppError('seats_full');
          const sex = participant.member_id
            ? ((await training.memberAsOf(tx, participant.member_id, opened.row.starts_on))?.sex as
                'L' | 'P' | null)
            : null;
          await checkAcceptance(tx, opened, sex ?? null);
        }
        await tx
          .updateTable('training_participants')
          .set({ status: to, reason: input.reason ?? null, updated_at: clock.now() })
          .where('id', '=', participantId)
          .execute();
        await tx
          .insertInto('training_participant_events')
          .values({
            participant_id: participantId,
            status: to,
            reason: input.reason ?? null,
            actor_id: actor.userId,
            at: clock.now(),
          })
          .execute();
        if (to === 'accepted' && from !== 'no_show') await sendInvitation(tx, opened, participant);
        // A completion decided by hand may meet a cadre stage's rule, as one from the completion run.
        if (to === 'completed' && participant.member_id)
          await deps.cadre?.proposeFor(tx, [participant.member_id]);
        await audit(
          tx,
          actor,
          'training.decide',
          'training_participant',
          participantId,
          opened.row.program_unit_id,
          {
            from,
            to,
          },
        );
        return classDetail(tx, actor, opened);
      });
    },

    /**
     * Returns a unit's undecided nominations as one list, with one reason (the `return` enforcement of a
     * quota rule: "delegations under 30% returned", organisation-and-quota.md). Each nomination moves to
     * `returned` by the same moves a single decision allows, keeps its own event, and frees the unit's
     * seats so it can nominate again. Nothing undecided: 409 `participant_state`.
     */
    async returnUnit(
      actor: Actor,
      classId: number,
      unitId: number,
      input: { reason: string },
    ): Promise<ClassDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'organise', { lock: true });
        const returnable = participantStatuses.filter((status) =>
          participantMoves[status].includes('returned'),
        );
        const returned = await tx
          .updateTable('training_participants')
          .set({ status: 'returned', reason: input.reason, updated_at: clock.now() })
          .where('class_id', '=', classId)
          .where('nominating_unit_id', '=', unitId)
          .where('status', 'in', returnable)
          .returning('id')
          .execute();
        if (returned.length === 0)
          throw new AppError('participant_state', undefined, { public: { to: 'returned' } });
        await tx
          .insertInto('training_participant_events')
          .values(
            returned.map((row) => ({
              participant_id: row.id,
              status: 'returned',
              reason: input.reason,
              actor_id: actor.userId,
              at: clock.now(),
            })),
          )
          .execute();
        await audit(
          tx,
          actor,
          'training.return_unit',
          'training_class',
          String(classId),
          opened.row.program_unit_id,
          {
            unitId,
            returned: returned.length,
          },
        );
        return classDetail(tx, actor, opened);
      });
    },

    /** The printable sign-in sheet of a session (PDF), for those who run the class; audited. */
    async signInSheet(
      actor: Actor,
      sessionId: number,
      language: Language,
    ): Promise<{ pdf: Buffer; name: string }> {
      const opened = await openSession(db, actor.principal, sessionId, 'run');
      const participants = (await training.participants(db, opened.row.id, 'all')).filter((participant) =>
        seatHoldingStatuses.includes(participant.status as ParticipantStatus),
      );
      const pdf = await buildSignInSheet(
        {
          programName: opened.row.program_name,
          classTitle: opened.row.title,
          sessionTitle: opened.session.title,
          startsAt: new Date(opened.session.starts_at),
          endsAt: new Date(opened.session.ends_at),
          venue: opened.session.venue,
          participants: participants.map((participant) => ({
            name: participant.name,
            unitName: participant.unit_name,
          })),
        },
        language,
      );
      await audit(
        db,
        actor,
        'training.sheet_print',
        'training_session',
        String(sessionId),
        opened.row.program_unit_id,
        {
          participants: participants.length,
        },
      );
      return { pdf, name: `daftar-hadir-${opened.row.id}-${sessionId}` };
    },

    /**
     * A photo (or scan) of the signed sheet, kept with the session: size-limited, its type sniffed from
     * the bytes (JPEG, PNG, WebP or PDF), never trusted from the name or the header.
     */
    async addSheetPhoto(actor: Actor, sessionId: number, data: Buffer): Promise<AttendanceResponse> {
      const mediaType = await sniffUpload(data, { maxBytes: deps.maxPhotoBytes, types: sheetPhotoTypes });
      return db.transaction().execute(async (tx) => {
        const opened = await openSession(tx, actor.principal, sessionId, 'run', { lock: true });
        const { id } = await tx
          .insertInto('training_sheet_photos')
          .values({
            session_id: sessionId,
            media_type: mediaType,
            data,
            size: data.length,
            uploaded_by: actor.userId,
            uploaded_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(
          tx,
          actor,
          'training.sheet_photo_add',
          'training_session',
          String(sessionId),
          opened.row.program_unit_id,
          {
            photoId: id,
            size: data.length,
          },
        );
        return attendanceOf(tx, opened);
      });
    },

    async sheetPhoto(actor: Actor, sessionId: number, photoId: number) {
      const opened = await openSession(db, actor.principal, sessionId, 'run');
      const photo = await db
        .selectFrom('training_sheet_photos')
        .select(['media_type', 'data'])
        .where('id', '=', photoId)
        .where('session_id', '=', opened.session.id)
        .executeTakeFirst();
      if (!photo) throw new AppError('not_found');
      return { mediaType: photo.media_type, data: photo.data, name: `daftar-hadir-${sessionId}-${photoId}` };
    },

    async attendance(actor: Actor, sessionId: number): Promise<AttendanceResponse> {
      return attendanceOf(db, await openSession(db, actor.principal, sessionId, 'run'));
    },

    /** Roll call or a paper sheet entered afterwards: many marks, one transaction, idempotent per person. */
    async recordAttendance(
      actor: Actor,
      sessionId: number,
      input: RecordAttendanceInput,
    ): Promise<AttendanceResponse> {
      return db.transaction().execute(async (tx) => {
        const opened = await openSession(tx, actor.principal, sessionId, 'run', { lock: true });
        const participants = await training.participants(tx, opened.row.id, 'all');
        const markable = new Set(
          participants
            .filter((participant) => seatHoldingStatuses.includes(participant.status as ParticipantStatus))
            .map((p) => p.id),
        );
        const unknown = input.marks.filter((mark) => !markable.has(mark.participantId));
        if (unknown.length)
          throw new AppError('validation_failed', undefined, {
            fields: [{ path: 'marks', message: 'not_a_participant' }],
            public: { participantIds: unknown.map((mark) => mark.participantId) },
          });
        const counts = { recorded: 0, corrected: 0, unchanged: 0 };
        for (const mark of input.marks) {
          const result = await writeMark(tx, {
            sessionId,
            participantId: mark.participantId,
            status: mark.status,
            via: input.via,
            recordedBy: actor.userId,
            at: clock.now(),
          });
          counts[result] += 1;
        }
        await audit(
          tx,
          actor,
          'training.attendance_record',
          'training_session',
          String(sessionId),
          opened.row.program_unit_id,
          {
            via: input.via,
            ...counts,
          },
        );
        return attendanceOf(tx, opened);
      });
    },

    async recordTally(
      actor: Actor,
      sessionId: number,
      input: { women: number; men: number; unknown: number },
    ): Promise<AttendanceResponse> {
      return db.transaction().execute(async (tx) => {
        const opened = await openSession(tx, actor.principal, sessionId, 'run', { lock: true });
        await tx
          .insertInto('training_session_tallies')
          .values({ session_id: sessionId, ...input, recorded_by: actor.userId, recorded_at: clock.now() })
          .onConflict((conflict) =>
            conflict
              .column('session_id')
              .doUpdateSet({ ...input, recorded_by: actor.userId, recorded_at: clock.now() }),
          )
          .execute();
        await audit(
          tx,
          actor,
          'training.tally_record',
          'training_session',
          String(sessionId),
          opened.row.program_unit_id,
          input,
        );
        return attendanceOf(tx, opened);
      });
    },

    /**
     * Applies the class's completion rule to every participant holding a seat: completed or not
     * completed, with the reasons. The post-test share (score / max, training-tests) applies once the
     * class has a test (an item in its bank); until then attendance alone decides.
     */
    async complete(actor: Actor, classId: number): Promise<CompletionResponse> {
      return db.transaction().execute(async (tx) => {
        const opened = await openClass(tx, actor.principal, classId, 'run', { lock: true });
        const [sessions, participants, weights, marks] = await Promise.all([
          training.sessions(tx, classId),
          training.participants(tx, classId, 'all'),
          weightsOf(tx),
          training.marksOfClass(tx, classId),
        ]);
        // A class with a test (an item in its bank) applies its post-test share; one without keeps to
        // attendance alone, whatever min_post_score says.
        const [withTest, postScores] = await Promise.all([hasTest(tx, classId), postScoresOf(tx, classId)]);
        const rule = {
          minAttendance: Number(opened.row.min_attendance),
          minPostScore: withTest ? num(opened.row.min_post_score) : null,
        };
        const detail: CompletionResponse['detail'] = [];
        for (const participant of participants) {
          if (!['accepted', 'completed', 'not_completed'].includes(participant.status)) continue;
          const own = marks
            .filter((mark) => mark.participant_id === participant.id)
            .map((mark) => mark.status as AttendanceStatus);
          const attendance = weightedAttendance(weights, sessions.length, own);
          const result = completionOf(rule, attendance, postScores.get(participant.id) ?? null);
          const to: ParticipantStatus = result.completed ? 'completed' : 'not_completed';
          detail.push({
            participantId: participant.id,
            completed: result.completed,
            attendance,
            reasons: result.completed ? [] : result.reasons,
          });
          if (participant.status === to) continue;
          await tx
            .updateTable('training_participants')
            .set({ status: to, reason: null, updated_at: clock.now() })
            .where('id', '=', participant.id)
            .execute();
          await tx
            .insertInto('training_participant_events')
            .values({ participant_id: participant.id, status: to, actor_id: actor.userId, at: clock.now() })
            .execute();
        }
        const completed = detail.filter((item) => item.completed).length;
        // A completion may meet a cadre stage's rule, for participants and member facilitators alike.
        await deps.cadre?.proposeFor(tx, [
          ...participants
            .filter((p) => detail.some((d) => d.completed && d.participantId === p.id))
            .flatMap((p) => (p.member_id ? [p.member_id] : [])),
          ...(await training.facilitators(tx, classId)).flatMap((f) => (f.member_id ? [f.member_id] : [])),
        ]);
        await audit(
          tx,
          actor,
          'training.complete',
          'training_class',
          String(classId),
          opened.row.program_unit_id,
          {
            completed,
            notCompleted: detail.length - completed,
          },
        );
        return { completed, notCompleted: detail.length - completed, detail };
      });
    },

    async issueCertificate(actor: Actor, participantId: string): Promise<CertificateView> {
      return db.transaction().execute(async (tx) => {
        const opened = await openParticipant(tx, actor.principal, participantId, 'run', { lock: true });
        if (opened.participant.status !== 'completed') throw new AppError('participant_state');
        const current = (await training.latestCertificates(tx, [participantId])).find(
          (item) => !item.revoked_at,
        );
        if (current) throw new AppError('conflict');
        return issue(tx, actor, opened, participantId, null);
      });
    },

    /** The certificate PDF with its QR code, for those who run the class; a revoked one is not printed. */
    async certificatePdf(
      actor: Actor,
      code: string,
      language: Language,
    ): Promise<{ pdf: Buffer; name: string }> {
      const certificate = await training.certificate(db, code);
      if (!certificate) throw new AppError('not_found');
      const opened = await openParticipant(db, actor.principal, certificate.participant_id, 'run');
      if (certificateState(certificate, today()) === 'revoked') throw new AppError('participant_state');
      const holder = (await training.participants(db, opened.row.id, 'all')).find(
        (participant) => participant.id === certificate.participant_id,
      )!;
      const program = (await training.program(db, opened.row.program_id))!;
      const track = (await training.track(db, opened.row.track))!;
      const pdf = await buildCertificatePdf(
        {
          code,
          holderName: holder.name,
          classTitle: opened.row.title,
          trackLabel: language === 'en' ? track.label_en : track.label_id,
          programName: program.name,
          partners: program.partners,
          issuingUnit: program.unit_name,
          startsOn: opened.row.starts_on,
          endsOn: opened.row.ends_on,
          hours: num(opened.row.hours),
          validUntil: certificate.valid_until,
          verifyUrl: `${deps.publicUrl ?? ''}/verifikasi/${code}`,
        },
        language,
      );
      await audit(
        db,
        actor,
        'training.certificate_print',
        'training_certificate',
        code,
        opened.row.program_unit_id,
      );
      return { pdf, name: `sertifikat-${code}` };
    },

    async revokeCertificate(actor: Actor, code: string, reason: string): Promise<CertificateView> {
      return db.transaction().execute(async (tx) => {
        const certificate = await training.certificate(tx, code);
        if (!certificate) throw new AppError('not_found');
        const opened = await openParticipant(tx, actor.principal, certificate.participant_id, 'organise', {
          lock: true,
        });
        if (certificate.revoked_at) throw new AppError('conflict');
        await tx
          .updateTable('training_certificates')
          .set({ revoked_at: clock.now(), revoked_by: actor.userId, revoke_reason: reason })
          .where('code', '=', code)
          .execute();
        await audit(
          tx,
          actor,
          'training.certificate_revoke',
          'training_certificate',
          code,
          opened.row.program_unit_id,
        );
        return certificateView((await training.certificate(tx, code))!);
      });
    },

    /** A new code for a certificate (lost, wrong name corrected): the old one is revoked and linked. */
    async reissueCertificate(actor: Actor, code: string): Promise<CertificateView> {
      return db.transaction().execute(async (tx) => {
        const certificate = await training.certificate(tx, code);
        if (!certificate) throw new AppError('not_found');
        const opened = await openParticipant(tx, actor.principal, certificate.participant_id, 'organise', {
          lock: true,
        });
        if (opened.participant.status !== 'completed') throw new AppError('participant_state');
        const newer = (await training.latestCertificates(tx, [certificate.participant_id])).find(
          (item) => item.replaces === code,
        );
        if (newer) throw new AppError('conflict');
        if (!certificate.revoked_at)
          await tx
            .updateTable('training_certificates')
            .set({ revoked_at: clock.now(), revoked_by: actor.userId, revoke_reason: 'reissued' })
            .where('code', '=', code)
            .execute();
        return issue(tx, actor, opened, certificate.participant_id, code);
      });
    },
  };

  async function issue(
    tx: DbOrTx,
    actor: Actor,
    opened: OpenedClass,
    participantId: string,
    replaces: string | null,
  ): Promise<CertificateView> {
    const years = opened.row.certificate_valid_years;
    const validUntil =
      years === null
        ? null
        : `${Number(opened.row.ends_on.slice(0, 4)) + years}${opened.row.ends_on.slice(4)}`;
    let code = generateCheckedCode(12);
    while (await training.certificate(tx, code)) code = generateCheckedCode(12);
    await tx
      .insertInto('training_certificates')
      .values({
        code,
        participant_id: participantId,
        issued_at: clock.now(),
        issued_by: actor.userId,
        valid_until: validUntil,
        replaces,
      })
      .execute();
    await audit(
      tx,
      actor,
      'training.certificate_issue',
      'training_certificate',
      code,
      opened.row.program_unit_id,
      {
        participantId,
        replaces,
      },
    );
    return certificateView((await training.certificate(tx, code))!);
  }

  function certificateView(
    row: NonNullable<Awaited<ReturnType<TrainingRepository['certificate']>>>,
  ): CertificateView {
    return {
      code: row.code,
      participantId: row.participant_id,
      state: certificateState(row, today()),
      issuedAt: iso(row.issued_at),
      validUntil: row.valid_until,
      revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
      revokeReason: row.revoke_reason,
      replaces: row.replaces,
    };
  }

  async function attendanceOf(
    handle: DbOrTx,
    opened: OpenedClass & { session: { id: number } },
  ): Promise<AttendanceResponse> {
    const sessions = await training.sessions(handle, opened.row.id);
    const session = sessions.find((item) => item.id === opened.session.id)!;
    const participants = (await training.participants(handle, opened.row.id, 'all')).filter((participant) =>
      seatHoldingStatuses.includes(participant.status as ParticipantStatus),
    );
    const marks = await handle
      .selectFrom('training_attendance')
      .selectAll()
      .where('session_id', '=', session.id)
      .execute();
    const history = await handle
      .selectFrom('training_attendance_history')
      .selectAll()
      .where('session_id', '=', session.id)
      .orderBy('id', 'desc')
      .execute();
    const photos = await handle
      .selectFrom('training_sheet_photos')
      .select(['id', 'media_type', 'size', 'uploaded_at'])
      .where('session_id', '=', session.id)
      .orderBy('id')
      .execute();
    return {
      photos: photos.map((photo) => ({
        id: photo.id,
        mediaType: photo.media_type,
        size: photo.size,
        uploadedAt: iso(photo.uploaded_at),
      })),
      session: {
        id: session.id,
        title: session.title,
        startsAt: iso(session.starts_at),
        endsAt: iso(session.ends_at),
        venue: session.venue,
        online: session.online,
        marked: session.marked,
        tally:
          session.women === null
            ? null
            : { women: session.women, men: session.men!, unknown: session.unknown! },
      },
      rows: participants.map((participant) => {
        const mark = marks.find((item) => item.participant_id === participant.id);
        return {
          participantId: participant.id,
          name: participant.name,
          status: (mark?.status as AttendanceStatus | undefined) ?? null,
          via: (mark?.via as 'roll_call' | 'self' | 'paper' | undefined) ?? null,
          recordedAt: mark ? iso(mark.recorded_at) : null,
          history: history
            .filter((item) => item.participant_id === participant.id)
            .map((item) => ({
              status: item.status as AttendanceStatus,
              via: item.via as 'roll_call' | 'self' | 'paper',
              recordedAt: iso(item.recorded_at),
            })),
        };
      }),
    };
  }
}
export type TrainingService = ReturnType<typeof createTrainingService>;
