import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A 1×1 PNG: the smallest file the service accepts as evidence. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export type Fields = Record<string, string | string[]>;

/** A complete, valid report as the browser would send it. */
export function reportFields(overrides: Fields = {}): Fields {
  return {
    reporterRole: 'korban',
    forms: ['KS01', 'KP01'],
    narrative: 'Mandor saya berkata kasar dan menyentuh saya di gudang.',
    incidentDate: '2026-11-10',
    incidentDateApproximate: 'on',
    place: 'area_kerja',
    placeUnitId: '',
    placeDetail: 'PT Garmen Sejahtera',
    relationship: 'atasan',
    namedOffice: 'tidak_ada',
    namedName: 'Pak Budi',
    namedPosition: '',
    namedWorkplace: '',
    wishes: ['dukungan'],
    survivorSex: 'P',
    survivorAgeBand: '25-44',
    reporterName: '',
    contactMethod: 'none',
    contactValue: '',
    safeTimes: '',
    consentToProcess: 'on',
    ...overrides,
  };
}

/** The value of a hidden (or any) input in a page. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

/** A multipart body with fields in the given order and files last, as the page's form sends it. */
export function multipart(
  fields: Fields,
  files: { name: string; data: Buffer; type?: string }[] = [],
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) form.append(name, item);
  for (const file of files)
    form.append(
      'files',
      new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  return form;
}

/** GETs a page and POSTs its form back with the form token it carries. */
export async function postForm(
  app: FastifyInstance,
  options: {
    formPage: string;
    url: string;
    fields: Fields;
    files?: { name: string; data: Buffer; type?: string }[];
    remoteAddress?: string;
    headers?: Record<string, string>;
  },
): Promise<LightMyRequestResponse> {
  const page = await app.inject({ url: options.formPage });
  const token = inputValue(page.body, '_token');
  return app.inject({
    method: 'POST',
    url: options.url,
    payload: multipart({ _token: token ?? '', ...options.fields }, options.files),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

export const receiptPattern = /\b\d{4} \d{4} \d{4} \d{4}\b/;

/** Page text without the per-response tokens, to compare two answers. */
export const withoutTokens = (html: string) =>
  html.replace(/name="(_token|followUp)" value="[^"]*"/g, 'name="$1" value=""');
