/**
 * The canonical text of a Joint Commitment version (issue 13, "Versions"); its SHA-256 is taken in
 * server/modules/commitment/commitment-text.ts (and by the seeding migration). The hash is what a printed copy, a signature and an audit row point at: two texts that differ only in how they
 * were typed (NFD accents from a Mac, Windows line breaks, double spaces, trailing blanks) hash alike;
 * any change of a word, a point or their order does not.
 *
 * Canonicalisation of one piece of text:
 * 1. Unicode NFC;
 * 2. line breaks CRLF and CR become LF; other vertical breaks (U+2028/U+2029, form feed, NEL) too;
 * 3. in each line, runs of spaces, tabs and non-breaking or other Unicode spaces become one ASCII space,
 *    and the line is trimmed;
 * 4. runs of blank lines become one blank line; leading and trailing blank lines go.
 *
 * The canonical document is, in this order and joined by LF: the line `SETARA-KOMITMEN/1`, then for
 * Bahasa Indonesia and then English: a line `[id]` / `[en]`, the title, the preamble, and each point as
 * `<n>. <text>` (n from 1). Empty preambles give an empty line. Both languages are covered because both
 * are shown to signers; the Indonesian one is the binding text.
 */

export interface CommitmentPoint {
  id: string;
  en: string;
}

export interface CommitmentText {
  titleId: string;
  titleEn: string;
  preambleId: string;
  preambleEn: string;
  points: readonly CommitmentPoint[];
}

const verticalBreaks = /\r\n|[\r\u2028\u2029\f\v\u0085]/g;
// \s without the line feed: every horizontal Unicode space, NBSP and the zero-width no-break space included.
const horizontalSpace = /[^\S\n]+|\uFEFF/g;

/** One piece of text in canonical form (the rules above). */
export function canonicalPiece(text: string): string {
  const lines = text
    .normalize('NFC')
    .replace(verticalBreaks, '\n')
    .split('\n')
    .map((line) => line.replace(horizontalSpace, ' ').trim());
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

/** The whole canonical document of a version. */
export function canonicalText(text: CommitmentText): string {
  const language = (tag: 'id' | 'en', title: string, preamble: string) => [
    `[${tag}]`,
    canonicalPiece(title),
    canonicalPiece(preamble),
    ...text.points.map((point, index) => `${index + 1}. ${canonicalPiece(point[tag])}`),
  ];
  return [
    'SETARA-KOMITMEN/1',
    ...language('id', text.titleId, text.preambleId),
    ...language('en', text.titleEn, text.preambleEn),
  ].join('\n');
}

/**
 * Version 1 as adopted at the Gender Policy workshop (Bogor, closed 16 Nov 2025). THE WORDING IS SETARA'S
 * OWN PARAPHRASE of the nine points SPN published, not SPN's official text: SPN replaces it by adding
 * version 2 with the official wording and activating it (`wording_placeholder` marks this one). Never edit
 * these strings: the migration seeds them with their hash.
 */
export const versionOne = {
  forum: 'Lokakarya Kebijakan Gender SPN, Bogor',
  adoptedOn: '2025-11-16',
  titleId: 'Komitmen Bersama SPN untuk Norma Anti Kekerasan dan Pelecehan',
  titleEn: 'SPN Joint Commitment to a Norm against Violence and Harassment',
  preambleId:
    'Kami, pengurus dan anggota Serikat Pekerja Nasional, berkomitmen menjadikan SPN organisasi yang aman dan bebas dari intimidasi, kekerasan verbal maupun fisik, dan pelecehan seksual, di dalam serikat dan di tempat kerja. Komitmen ini ditindaklanjuti melalui mekanisme internal dan bersama para pemangku kepentingan. Tanpa toleransi: komitmen ini tidak dapat ditawar. [Teks sementara — SPN mengganti dengan rumusan resmi.]',
  preambleEn:
    'We, the officers and members of Serikat Pekerja Nasional, commit to making SPN an organisation that is safe and free of intimidation, verbal or physical violence and sexual harassment, in the union and at work. This commitment is followed up through internal mechanisms and with stakeholders. Zero tolerance: this commitment is non-negotiable. [Placeholder text — SPN replaces it with the official wording.]',
  points: [
    {
      id: 'Kami tidak melakukan, membiarkan, atau membenarkan kekerasan dan pelecehan dalam bentuk apa pun.',
      en: 'We do not commit, allow or excuse violence and harassment in any form.',
    },
    {
      id: 'Kami menolak kekerasan berbasis gender, termasuk kekerasan seksual, di serikat dan di tempat kerja.',
      en: 'We reject gender-based violence, sexual violence included, in the union and at work.',
    },
    {
      id: 'Kami tidak menggunakan intimidasi atau menyalahgunakan kekuasaan dan jabatan terhadap siapa pun.',
      en: 'We do not use intimidation or abuse power or office against anyone.',
    },
    {
      id: 'Kami menjaga lingkungan organisasi dan kerja yang aman, saling menghormati, dan beretika.',
      en: 'We keep the organisation and the workplace safe, respectful and ethical.',
    },
    {
      id: 'Kami melaporkan kekerasan dan pelecehan yang kami ketahui dan tidak menutup mata.',
      en: 'We report violence and harassment we learn of, and we do not look away.',
    },
    {
      id: 'Kami menjaga kerahasiaan dan melindungi korban serta pelapor dari pembalasan.',
      en: 'We keep matters confidential and protect victims and reporters from retaliation.',
    },
    {
      id: 'Kami mematuhi mekanisme penanganan kasus yang ditetapkan organisasi.',
      en: 'We follow the case-handling mechanism the organisation has set.',
    },
    {
      id: 'Kami menerima sanksi organisasi bagi pelanggaran komitmen ini.',
      en: 'We accept organisational sanctions for breaches of this commitment.',
    },
    {
      id: 'Kami menyosialisasikan komitmen ini secara konsisten kepada pengurus, anggota, dan mitra.',
      en: 'We make this commitment known consistently to officers, members and partners.',
    },
  ],
} as const;
