import type { FastifyInstance } from 'fastify';
import { createElement } from 'react';
import type { PublicMaterialsService } from '../modules/materials/materials.service.ts';
import { sendDownload } from '../platform/http.ts';
import type { PublicPageKit } from './public-page-kit.ts';
import { MaterialNotFoundPage, MaterialPage, MaterialsListPage } from './views/materials-pages.tsx';

const paramOf = (params: unknown, name: string): string => {
  const value =
    typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[name] : '';
  return typeof value === 'string' ? value.slice(0, 80) : '';
};
const numberOf = (text: string): number | null => (/^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : null);

/**
 * The public materials library, inside the public pages' scope (no cookie, quiet logs): the list of
 * published materials, a page per material (by slug or id) with every version and its files, and the
 * download and video routes, each counting one download of the version for the day. Nothing about the
 * reader is stored or logged (materials are for sharing: no throttle either, a counter is all it feeds).
 * Any address that is not a published material gets the same 404 page.
 */
export function registerMaterialPages(
  app: FastifyInstance,
  kit: PublicPageKit,
  materials: PublicMaterialsService,
) {
  const notFound = (request: Parameters<typeof kit.pageOf>[0], reply: Parameters<typeof kit.send>[0]) =>
    kit.send(reply, 404, createElement(MaterialNotFoundPage, { page: kit.pageOf(request) }));

  app.get('/materi', async (request, reply) =>
    kit.send(
      reply,
      200,
      createElement(MaterialsListPage, {
        page: kit.pageOf(request),
        materials: await materials.publicList(),
      }),
    ),
  );

  app.get('/materi/:slug', async (request, reply) => {
    const material = await materials.publicMaterial(paramOf(request.params, 'slug'));
    if (!material) return notFound(request, reply);
    return kit.send(reply, 200, createElement(MaterialPage, { page: kit.pageOf(request), material }));
  });

  app.get('/materi/:slug/unduh/:fileId', async (request, reply) => {
    const fileId = numberOf(paramOf(request.params, 'fileId'));
    const file =
      fileId === null ? null : await materials.publicDownload(paramOf(request.params, 'slug'), fileId);
    if (!file) return notFound(request, reply);
    return sendDownload(reply, { body: file.data, name: file.name, type: file.mediaType });
  });

  app.get('/materi/:slug/video/:number', async (request, reply) => {
    const number = numberOf(paramOf(request.params, 'number'));
    const url = number === null ? null : await materials.publicVideo(paramOf(request.params, 'slug'), number);
    if (!url) return notFound(request, reply);
    return reply.redirect(url, 303);
  });
}
