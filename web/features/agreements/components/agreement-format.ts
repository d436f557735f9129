import type { AgreementStatus, CodingAnswer, GapReason } from '../../../../shared/agreement-taxonomies.ts';

/** Badge colours, each with text that passes contrast in Mantine's light variant. */
export const agreementStatusColour: Record<AgreementStatus, string> = {
  in_force: 'teal',
  expired: 'gray',
  under_negotiation: 'orange',
};
export const answerColour: Record<CodingAnswer, string> = {
  yes: 'teal',
  partial: 'orange',
  no: 'red',
  not_coded: 'gray',
};
export const gapColour: Record<GapReason, string> = {
  missing: 'red',
  partial: 'orange',
  new: 'blue',
  not_coded: 'gray',
};
