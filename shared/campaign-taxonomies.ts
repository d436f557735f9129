/**
 * Coded values of education campaigns (shared/domain/campaigns-and-commitment.md "Campaigns"). Activity
 * kinds are data (table campaign_activity_kinds), not listed here; labels of the values below live in
 * the campaigns translation files.
 */
export const campaignStatuses = ['draft', 'active', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** The moves each status allows: a campaign is prepared, runs, and is closed for good. */
export const campaignMoves: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['active', 'closed'],
  active: ['closed'],
  closed: [],
};

export const reachModes = ['tally', 'named'] as const;
export type ReachMode = (typeof reachModes)[number];

export const campaignTemplates = ['sixteen_days'] as const;
export type CampaignTemplate = (typeof campaignTemplates)[number];

/**
 * The 16 Days of Activism against Gender-Based Violence run from 25 November (International Day for
 * the Elimination of Violence against Women) to 10 December (Human Rights Day). Days with an
 * international observance carry it; the others carry a workplace theme (ILO C190, Kepmenaker 88/2023).
 * SPN may change any day's theme on its campaign.
 */
const sixteenDaysThemes: readonly { id: string; en: string }[] = [
  {
    id: 'Hari Internasional Penghapusan Kekerasan terhadap Perempuan',
    en: 'International Day for the Elimination of Violence against Women',
  },
  {
    id: 'Kekerasan dan pelecehan di tempat kerja: kenali bentuknya',
    en: 'Violence and harassment at work: know its forms',
  },
  { id: 'Konvensi ILO 190 dan Rekomendasi 206', en: 'ILO Convention 190 and Recommendation 206' },
  {
    id: 'Satgas PPKS di perusahaan (Kepmenaker 88/2023)',
    en: 'Company task forces (Satgas PPKS, Kepmenaker 88/2023)',
  },
  { id: 'Hari Pembela HAM Perempuan', en: "Women Human Rights Defenders' Day" },
  { id: 'Berani melapor, tidak berpaling', en: 'Dare to report, do not look away' },
  {
    id: 'Hari AIDS Sedunia: stop diskriminasi di tempat kerja',
    en: 'World AIDS Day: end discrimination at work',
  },
  { id: 'Hari Internasional Penghapusan Perbudakan', en: 'International Day for the Abolition of Slavery' },
  { id: 'Hari Disabilitas Internasional', en: 'International Day of Persons with Disabilities' },
  { id: 'Kerahasiaan dan perlindungan korban', en: 'Confidentiality and protection of victims' },
  {
    id: 'Hari Relawan Internasional: pendamping serikat',
    en: 'International Volunteer Day: union companions',
  },
  {
    id: 'Tragedi Montreal: mengenang korban kekerasan berbasis gender',
    en: 'Montreal massacre: remembering victims of gender-based violence',
  },
  {
    id: 'Perundingan PKB dengan klausul anti-pelecehan',
    en: 'Collective agreements with anti-harassment clauses',
  },
  { id: 'Perempuan dalam kepemimpinan serikat', en: 'Women in union leadership' },
  { id: 'Komitmen Bersama SPN: nol toleransi', en: "SPN's Joint Commitment: zero tolerance" },
  { id: 'Hari Hak Asasi Manusia', en: 'Human Rights Day' },
];

export interface TemplateDay {
  date: string;
  theme: { id: string; en: string };
}

/** The 16 Days template of a year: 25 Nov – 10 Dec, one theme per day. */
export function sixteenDaysOf(year: number): { startsOn: string; endsOn: string; days: TemplateDay[] } {
  const days = sixteenDaysThemes.map((theme, index) => {
    const day = new Date(Date.UTC(year, 10, 25 + index));
    return { date: day.toISOString().slice(0, 10), theme };
  });
  return { startsOn: days[0]!.date, endsOn: days[days.length - 1]!.date, days };
}
