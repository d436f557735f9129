import type { CampaignStatus } from '../../../../shared/campaign-taxonomies.ts';

/** Badge colour of each campaign status. */
export const statusColour: Record<CampaignStatus, string> = { draft: 'gray', active: 'teal', closed: 'dark' };
