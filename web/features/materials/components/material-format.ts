import type { MaterialStatus } from '../../../../shared/material-taxonomies.ts';

/** Badge colour of each material status (teal keeps AA contrast as a light badge, as on campaigns). */
export const materialStatusColour: Record<MaterialStatus, string> = {
  draft: 'gray',
  published: 'teal',
  unpublished: 'dark',
};

/** `1,2 MB`, `340 KB`. */
export function fileSize(bytes: number, number: (value: number) => string): string {
  return bytes >= 1024 * 1024
    ? `${number(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`
    : `${number(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
