/**
 * The quota engine: pure functions, integer arithmetic only (basis points, never floating point).
 *
 * Source of the rules: shared/domain/organisation-and-quota.md ("Quota policy"). Required women for n
 * seats at threshold bp with ceil is floor((n*bp + 9999) / 10000); a body complies when
 * women * 10000 >= bp * n. Unknown sex is reported, never imputed: when the unknowns could change the
 * result the status is `unknown`.
 *
 * Stable API (used by the quota module and the dashboards): requiredWomen, countSeats, evaluate,
 * evaluateAll, applicableRules, worstStatus, checkSlate, the types below.
 */
import type { PositionCategory } from '../../../shared/taxonomies.ts';
import type {
  QuotaEnforcement,
  QuotaMetric,
  QuotaRounding,
  QuotaStatus,
  QuotaSubjectKind,
} from '../../../shared/quota-taxonomies.ts';

export type {
  QuotaEnforcement,
  QuotaMetric,
  QuotaRounding,
  QuotaStatus,
  QuotaSubjectKind,
} from '../../../shared/quota-taxonomies.ts';

export type DelegationCategory = 'executive' | 'komite_perempuan';

/** One version of a rule, as stored (`quota_rule_versions`). */
export interface QuotaRule {
  id: number;
  version: number;
  name: string;
  scope: {
    /** Body kinds and other subjects (delegation, committee, invitation_list…) the rule applies to. */
    subjectKinds: readonly QuotaSubjectKind[];
    /** Unit level names (DPP, DPD…); empty means every level. */
    levels: readonly string[];
    /** For delegations: which allocation categories count; empty means every category. */
    delegationCategories: readonly DelegationCategory[];
    /** ISO dates, inclusive; null means open. */
    effectiveFrom: string | null;
    effectiveTo: string | null;
  };
  metric: QuotaMetric;
  /** 3000 = 30%. Integer 0..10000. */
  thresholdBp: number;
  rounding: QuotaRounding;
  /** E.g. at least 1 woman when the body has at least 3 seats. */
  minimum: { women: number; whenSeatsAtLeast: number } | null;
  /** E.g. at least one woman among Ketua, Sekretaris, Bendahara (by title or by position category). */
  positional: { titles: readonly string[]; categories: readonly PositionCategory[]; atLeast: number } | null;
  /** For `proportionality`: k in basis points (10000 = the body mirrors the membership). */
  proportionalityFactorBp: number | null;
  enforcement: QuotaEnforcement;
}

/** One seat of a subject: a position's seat (filled or vacant) or a delegate/invitee. */
export interface Seat {
  positionTitle: string | null;
  positionCategory: PositionCategory | null;
  filled: boolean;
  /** Statutory sex as recorded; null = unknown (or vacant). */
  sex: 'L' | 'P' | null;
  /** Plt: an acting officer counts for the seat and is flagged. */
  acting: boolean;
  /** A vacant seat whose holder left the union on this date (departedStatuses): said in the reasons. */
  holderLeftOn?: string | null;
}

export interface SubjectCounts {
  /** Statutory seats (or the number of seats when none are set). */
  seats: number;
  filled: number;
  women: number;
  men: number;
  unknown: number;
  acting: number;
  seatList: readonly Seat[];
}

export interface EvaluationContext {
  asOf: string;
  /** For proportionality: the membership the body represents, as of the date. */
  membership?: { women: number; men: number; unknown: number } | null;
}

export interface Message {
  code: string;
  params: Record<string, string | number>;
}

export interface PositionalResult {
  required: number;
  seats: number;
  filled: number;
  women: number;
  unknown: number;
  status: QuotaStatus;
}

export interface QuotaEvaluation {
  ruleId: number;
  ruleVersion: number;
  ruleName: string;
  metric: QuotaMetric;
  enforcement: QuotaEnforcement;
  thresholdBp: number;
  rounding: QuotaRounding;
  seats: number;
  filled: number;
  vacant: number;
  women: number;
  men: number;
  unknown: number;
  acting: number;
  /** The seat count the share is taken of (filled, statutory, or core posts). */
  base: number;
  requiredWomen: number;
  positional: PositionalResult | null;
  status: QuotaStatus;
  /** More women needed (counting only women on record). */
  shortfall: number;
  /** One line of "what it would take", as a message code with parameters (i18n in the client). */
  hint: Message;
  reasons: Message[];
}

const assertCount = (value: number, name: string) => {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer`);
};

/** Integer division rounded by mode, for non-negative integers. */
function divide(numerator: number, denominator: number, rounding: QuotaRounding): number {
  switch (rounding) {
    case 'ceil':
      return Math.floor((numerator + denominator - 1) / denominator);
    case 'half_up':
      return Math.floor((2 * numerator + denominator) / (2 * denominator));
    case 'floor':
      return Math.floor(numerator / denominator);
  }
}

/**
 * Women required among n seats at threshold bp (basis points) with the given rounding.
 * ceil: floor((n*bp + 9999) / 10000) — the default (MA 24 P/HUM/2023 struck down half-up for the 30% rule).
 */
export function requiredWomen(n: number, bp: number, rounding: QuotaRounding = 'ceil'): number {
  assertCount(n, 'n');
  assertCount(bp, 'bp');
  if (bp > 10000) throw new RangeError('bp must be at most 10000');
  return divide(n * bp, 10000, rounding);
}

/** Builds counts from a seat list; `statutorySeats` (when set) is the statutory seat count. */
export function countSeats(seatList: readonly Seat[], statutorySeats?: number | null): SubjectCounts {
  const filled = seatList.filter((seat) => seat.filled);
  const women = filled.filter((seat) => seat.sex === 'P').length;
  const men = filled.filter((seat) => seat.sex === 'L').length;
  return {
    seats: Math.max(statutorySeats ?? seatList.length, filled.length),
    filled: filled.length,
    women,
    men,
    unknown: filled.length - women - men,
    acting: filled.filter((seat) => seat.acting).length,
    seatList,
  };
}

const normaliseTitle = (title: string) => title.trim().replace(/\s+/g, ' ').toLowerCase();

/** True when a seat is one of the rule's named posts (by title, case-insensitive, or by category). */
export function isNamedPost(
  rule: Pick<QuotaRule, 'positional'>,
  seat: Pick<Seat, 'positionTitle' | 'positionCategory'>,
) {
  const positional = rule.positional;
  if (!positional) return false;
  if (seat.positionCategory && positional.categories.includes(seat.positionCategory)) return true;
  if (!seat.positionTitle) return false;
  const title = normaliseTitle(seat.positionTitle);
  return positional.titles.some((candidate) => normaliseTitle(candidate) === title);
}

const severity: Record<QuotaStatus, number> = {
  not_applicable: 0,
  compliant: 1,
  at_risk: 2,
  unknown: 3,
  non_compliant: 4,
};

/** The worst of several statuses (non_compliant > unknown > at_risk > compliant > not_applicable). */
export function worstStatus(statuses: readonly QuotaStatus[]): QuotaStatus {
  return statuses.reduce<QuotaStatus>(
    (worst, status) => (severity[status] > severity[worst] ? status : worst),
    'not_applicable',
  );
}

/** Compliant when the women on record suffice; unknown when only the unknowns could make it suffice. */
function judge(women: number, unknown: number, required: number): QuotaStatus {
  if (women >= required) return required > 0 && women === required ? 'at_risk' : 'compliant';
  return women + unknown >= required ? 'unknown' : 'non_compliant';
}

/** Evaluates one rule version against one subject's counts. */
export function evaluate(
  rule: QuotaRule,
  counts: SubjectCounts,
  context: EvaluationContext,
): QuotaEvaluation {
  for (const [name, value] of Object.entries({
    seats: counts.seats,
    filled: counts.filled,
    women: counts.women,
    men: counts.men,
    unknown: counts.unknown,
  }))
    assertCount(value, name);
  const reasons: Message[] = [];
  const vacant = Math.max(0, counts.seats - counts.filled);
  const posts = rule.positional ? counts.seatList.filter((seat) => isNamedPost(rule, seat)) : [];
  const filledPosts = posts.filter((seat) => seat.filled);
  const postWomen = filledPosts.filter((seat) => seat.sex === 'P').length;
  const postUnknown = filledPosts.filter((seat) => seat.sex === null).length;
  const postTitles = [...new Set(posts.map((seat) => seat.positionTitle ?? ''))].filter(Boolean).join(', ');

  let base: number;
  let required: number;
  let women = counts.women;
  let unknown = counts.unknown;
  let membershipMissing = false;
  switch (rule.metric) {
    case 'filled_share':
      base = counts.filled;
      required = requiredWomen(base, rule.thresholdBp, rule.rounding);
      break;
    case 'statutory_share':
      base = counts.seats;
      required = requiredWomen(base, rule.thresholdBp, rule.rounding);
      break;
    case 'core_posts':
      base = filledPosts.length;
      required = Math.min(rule.positional?.atLeast ?? 0, posts.length);
      women = postWomen;
      unknown = postUnknown;
      break;
    case 'proportionality': {
      base = counts.filled;
      const membership = context.membership;
      const known = membership ? membership.women + membership.men : 0;
      if (!membership || known === 0) {
        membershipMissing = true;
        required = 0;
      } else {
        // women/base >= k × mw/known  ⇔  women >= base × k × mw / (10000 × known)
        required = divide(
          base * (rule.proportionalityFactorBp ?? 10000) * membership.women,
          10000 * known,
          rule.rounding,
        );
        reasons.push({
          code: 'membership_share',
          params: { women: membership.women, known, unknown: membership.unknown },
        });
      }
      break;
    }
  }
  if (
    rule.minimum &&
    rule.metric !== 'core_posts' &&
    base >= rule.minimum.whenSeatsAtLeast &&
    required < rule.minimum.women
  ) {
    required = Math.min(rule.minimum.women, base);
    reasons.push({
      code: 'minimum_applies',
      params: { women: rule.minimum.women, seats: rule.minimum.whenSeatsAtLeast },
    });
  }

  let positional: PositionalResult | null = null;
  if (rule.positional && rule.metric !== 'core_posts') {
    const positionalRequired = Math.min(rule.positional.atLeast, posts.length);
    positional = {
      required: positionalRequired,
      seats: posts.length,
      filled: filledPosts.length,
      women: postWomen,
      unknown: postUnknown,
      status: filledPosts.length === 0 ? 'not_applicable' : judge(postWomen, postUnknown, positionalRequired),
    };
  }

  let status: QuotaStatus;
  if (counts.filled === 0 || base === 0) {
    status = 'not_applicable';
  } else if (membershipMissing) {
    status = 'unknown';
    reasons.push({ code: 'membership_unknown', params: {} });
  } else {
    status = judge(women, unknown, required);
    // Filled share: vacancies filled by men would raise the requirement past the women in office.
    if (status === 'compliant' && rule.metric === 'filled_share' && vacant > 0) {
      const atFull = requiredWomen(counts.seats, rule.thresholdBp, rule.rounding);
      if (women < atFull) {
        status = 'at_risk';
        reasons.push({ code: 'vacancies_need_women', params: { count: atFull - women, vacancies: vacant } });
      }
    }
    if (positional && positional.status !== 'not_applicable')
      status = worstStatus([status, positional.status]);
  }

  const shareShortfall = Math.max(0, required - women);
  const postShortfall = positional ? Math.max(0, positional.required - positional.women) : 0;
  const shortfall = status === 'not_applicable' ? 0 : Math.max(shareShortfall, postShortfall);

  if (counts.unknown > 0) reasons.push({ code: 'unknown_sex', params: { count: counts.unknown } });
  if (counts.acting > 0) reasons.push({ code: 'acting_seats', params: { count: counts.acting } });
  if (vacant > 0) reasons.push({ code: 'vacancies', params: { count: vacant } });
  const left = counts.seatList.filter((seat) => !seat.filled && seat.holderLeftOn).length;
  if (left > 0) reasons.push({ code: 'holders_left', params: { count: left } });
  if (shareShortfall > 0 && status !== 'not_applicable')
    reasons.push({
      code: rule.metric === 'core_posts' ? 'posts_shortfall' : 'share_shortfall',
      params: { count: shareShortfall, seats: base, posts: postTitles },
    });
  if (postShortfall > 0 && status !== 'not_applicable')
    reasons.push({
      code: 'posts_shortfall',
      params: { count: postShortfall, seats: posts.length, posts: postTitles },
    });

  let hint: Message;
  if (status === 'not_applicable') hint = { code: 'no_seats_filled', params: {} };
  else if (status === 'unknown' && membershipMissing) hint = { code: 'membership_unknown', params: {} };
  else if (status === 'unknown') hint = { code: 'record_sex', params: { count: counts.unknown } };
  else if (postShortfall > 0 && (shareShortfall === 0 || rule.metric === 'core_posts'))
    hint = { code: 'needs_woman_in_posts', params: { count: postShortfall, posts: postTitles } };
  else if (rule.metric === 'core_posts' && shareShortfall > 0)
    hint = { code: 'needs_woman_in_posts', params: { count: shareShortfall, posts: postTitles } };
  else if (shareShortfall > 0)
    hint = { code: 'needs_more_women', params: { count: shareShortfall, seats: base } };
  else if (reasons.some((reason) => reason.code === 'vacancies_need_women')) {
    const reason = reasons.find((candidate) => candidate.code === 'vacancies_need_women')!;
    hint = { code: 'vacancies_need_women', params: reason.params };
  } else if (status === 'at_risk') hint = { code: 'no_spare', params: { required, seats: base } };
  else hint = { code: 'compliant', params: { spare: women - required, required, seats: base } };

  return {
    ruleId: rule.id,
    ruleVersion: rule.version,
    ruleName: rule.name,
    metric: rule.metric,
    enforcement: rule.enforcement,
    thresholdBp: rule.thresholdBp,
    rounding: rule.rounding,
    seats: counts.seats,
    filled: counts.filled,
    vacant,
    women: counts.women,
    men: counts.men,
    unknown: counts.unknown,
    acting: counts.acting,
    base,
    requiredWomen: required,
    positional,
    status,
    shortfall,
    hint,
    reasons,
  };
}

export interface QuotaSubject {
  kind: QuotaSubjectKind;
  /** Level name of the unit the subject belongs to (DPP, DPD…); null for lists without a unit. */
  level: string | null;
  delegationCategory?: DelegationCategory | null;
}

/**
 * The rule versions that apply to a subject on a date: scope matches and the date lies in the version's
 * effective range; of several versions of one rule in force, the highest version wins.
 */
export function applicableRules(
  rules: readonly QuotaRule[],
  subject: QuotaSubject,
  asOf: string,
): QuotaRule[] {
  const byId = new Map<number, QuotaRule>();
  for (const rule of rules) {
    const { scope } = rule;
    if (!scope.subjectKinds.includes(subject.kind)) continue;
    if (scope.levels.length && (subject.level === null || !scope.levels.includes(subject.level))) continue;
    if (
      subject.kind === 'delegation' &&
      scope.delegationCategories.length &&
      (!subject.delegationCategory || !scope.delegationCategories.includes(subject.delegationCategory))
    )
      continue;
    if (scope.effectiveFrom && asOf < scope.effectiveFrom) continue;
    if (scope.effectiveTo && asOf > scope.effectiveTo) continue;
    const current = byId.get(rule.id);
    if (!current || current.version < rule.version) byId.set(rule.id, rule);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Every applicable rule evaluated; `status` is the worst among rules that are not `info`. */
export function evaluateAll(
  rules: readonly QuotaRule[],
  subject: QuotaSubject,
  counts: SubjectCounts,
  context: EvaluationContext,
): { status: QuotaStatus; evaluations: QuotaEvaluation[] } {
  const evaluations = applicableRules(rules, subject, context.asOf).map((rule) =>
    evaluate(rule, counts, context),
  );
  const binding = evaluations.filter((evaluation) => evaluation.enforcement !== 'info');
  return { status: worstStatus((binding.length ? binding : evaluations).map((e) => e.status)), evaluations };
}

/** A seat on a candidate slate: the post and the sexes of its candidates (null = unknown). */
export interface SlateSeat {
  positionTitle: string;
  positionCategory: PositionCategory | null;
  candidates: readonly ('L' | 'P' | null)[];
}

export interface SlateRuleResult {
  ruleId: number;
  ruleVersion: number;
  ruleName: string;
  enforcement: QuotaEnforcement;
  metric: QuotaMetric;
  requiredWomen: number;
  /** Women the slate can seat at most (seats with a woman or unknown-sex candidate, or no candidate). */
  possibleWomen: number;
  /** Women the slate seats whatever happens (seats whose every candidate is a woman). */
  certainWomen: number;
  couldComply: boolean;
  /** Indexes of seats that must go to a woman for the result to comply (when there is no slack). */
  mustGoToWomen: number[];
  messages: Message[];
}

/**
 * Slate check before an election: could the result comply, and which seats must go to women.
 * Named posts (core_posts rules, or a rule's positional part) are judged first; share rules then count
 * the women still needed among the remaining seats.
 */
export function checkSlate(rules: readonly QuotaRule[], slate: readonly SlateSeat[]): SlateRuleResult[] {
  const canBeWoman = (seat: SlateSeat) =>
    seat.candidates.length === 0 || seat.candidates.some((sex) => sex !== 'L');
  const mustBeWoman = (seat: SlateSeat) =>
    seat.candidates.length > 0 && seat.candidates.every((sex) => sex === 'P');
  const indexes = slate.map((_, index) => index);
  const postRules = rules.filter((rule) => rule.positional && rule.positional.atLeast > 0);
  // Seats named by any positional requirement, and the largest number of women they must hold.
  const postIndexes = indexes.filter((index) => postRules.some((rule) => isNamedPost(rule, slate[index]!)));
  const postNeed = postRules.reduce((need, rule) => {
    const count = indexes.filter((index) => isNamedPost(rule, slate[index]!)).length;
    return Math.max(need, Math.min(rule.positional!.atLeast, count));
  }, 0);
  const titlesOf = (list: number[]) =>
    [...new Set(list.map((index) => slate[index]!.positionTitle))].join(', ');

  return rules.map((rule) => {
    const messages: Message[] = [];
    let required: number;
    let scopeIndexes: number[];
    if (rule.metric === 'core_posts') {
      scopeIndexes = indexes.filter((index) => isNamedPost(rule, slate[index]!));
      required = Math.min(rule.positional?.atLeast ?? 0, scopeIndexes.length);
    } else {
      scopeIndexes = indexes;
      required = requiredWomen(slate.length, rule.thresholdBp, rule.rounding);
      if (rule.minimum && slate.length >= rule.minimum.whenSeatsAtLeast)
        required = Math.max(required, Math.min(rule.minimum.women, slate.length));
    }
    const possible = scopeIndexes.filter((index) => canBeWoman(slate[index]!));
    const certain = scopeIndexes.filter((index) => mustBeWoman(slate[index]!));
    let couldComply = possible.length >= required;
    let mustGoToWomen = possible.length === required ? possible : [];
    if (rule.metric === 'core_posts' || (rule.positional && rule.positional.atLeast > 0)) {
      const named = indexes.filter((index) => isNamedPost(rule, slate[index]!));
      const need = Math.min(rule.positional!.atLeast, named.length);
      const namedPossible = named.filter((index) => canBeWoman(slate[index]!));
      if (namedPossible.length < need) couldComply = false;
      if (namedPossible.length === need) mustGoToWomen = [...new Set([...mustGoToWomen, ...namedPossible])];
      if (need > 0)
        messages.push({
          code: 'slate_posts_need',
          params: {
            count: need,
            posts: titlesOf(named),
            certain: named.filter((i) => mustBeWoman(slate[i]!)).length,
          },
        });
    }
    if (rule.metric !== 'core_posts') {
      // Women still needed beyond those the named posts must hold, among the other seats.
      const remaining = indexes.filter((index) => !postIndexes.includes(index));
      const beyondPosts = Math.max(0, required - postNeed);
      if (postNeed > 0 && remaining.length > 0) {
        messages.push({
          code: 'slate_remaining_need',
          params: { count: beyondPosts, seats: remaining.length },
        });
        const remainingPossible = remaining.filter((index) => canBeWoman(slate[index]!)).length;
        const postPossible = postIndexes.filter((index) => canBeWoman(slate[index]!)).length;
        if (remainingPossible + postPossible < required) couldComply = false;
      } else {
        messages.push({ code: 'slate_share_need', params: { count: required, seats: slate.length } });
      }
    }
    messages.push({
      code: couldComply ? 'slate_could_comply' : 'slate_cannot_comply',
      params: { possible: possible.length, required, certain: certain.length },
    });
    return {
      ruleId: rule.id,
      ruleVersion: rule.version,
      ruleName: rule.name,
      enforcement: rule.enforcement,
      metric: rule.metric,
      requiredWomen: required,
      possibleWomen: possible.length,
      certainWomen: certain.length,
      couldComply,
      mustGoToWomen: mustGoToWomen.sort((a, b) => a - b),
      messages,
    };
  });
}
