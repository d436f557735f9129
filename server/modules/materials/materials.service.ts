import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import type {
  CreateMaterialInput,
  MaterialDetail,
  MaterialSummary,
} from '../../../shared/contracts/materials.ts';
import {
  materialFileTypes,
  type MaterialAudience,
  type MaterialKind,
  type MaterialLanguage,
  type MaterialLicence,
  type MaterialStatus,
} from '../../../shared/material-taxonomies.ts';
import { can, canAnywhere, scopeOf, type Principal } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { safeFileName, sniffUpload } from '../../platform/uploads.ts';
import { openActivity } from '../campaigns/campaign-access.ts';
import {
  freeSlug,
  materialRightOf,
  nextVersionNumber,
  publishFailure,
  slugOf,
  versionFailure,
  type MaterialRight,
} from './material-rules.ts';
import type { MaterialRow, MaterialsRepository } from './materials.repository.ts';

/** An uploaded file as the route read it: the bytes and the name the browser gave. */
export interface IncomingMaterialFile {
  name: string | undefined;
  data: Buffer;
}

const materialState = (rule: string) => new AppError('material_state', undefined, { public: { rule } });

/**
 * The materials library (issue 13, campaigns-and-commitment.md "Materials library"): materials owned by a
 * unit, numbered versions (files sniffed and hashed, or a video link), publishing, the campaign
 * activities that used a version, and the public half — the published list and pages and a download
 * counter per version and day that never stores who downloaded.
 */
export function createMaterialsService(deps: {
  db: Db;
  materials: MaterialsRepository;
  clock: Clock;
  /** Largest material file accepted, in bytes. */
  maxFileBytes: number;
}) {
  const { db, materials, clock } = deps;
  const audit = actorAudit(clock);

  const summaryOf = (row: MaterialRow): MaterialSummary => ({
    id: row.id,
    slug: row.slug,
    ownerUnitId: row.owner_unit_id,
    ownerUnitName: row.owner_unit_name,
    kind: row.kind as MaterialKind,
    title: row.title,
    language: row.language as MaterialLanguage,
    audience: row.audience as MaterialAudience,
    licence: row.licence as MaterialLicence,
    status: row.status as MaterialStatus,
    latestVersion: row.latest_version,
    downloads: row.downloads,
  });

  /** The one door into a material: unknown or out of scope is 404; seen but not managed is 403. */
  async function openMaterial(
    handle: DbOrTx,
    principal: Principal,
    materialId: number,
    need: MaterialRight,
    options: { lock?: boolean } = {},
  ) {
    const row = await materials.material(handle, materialId, options);
    if (!row) throw new AppError('not_found');
    const right = materialRightOf(principal, row.owner_unit_path);
    if (right === null) throw new AppError('not_found');
    if (need === 'manage' && right !== 'manage') throw new AppError('forbidden');
    return { row, canManage: right === 'manage' };
  }

  async function versionsOf(handle: DbOrTx, materialId: number) {
    const versions = await materials.versions(handle, materialId);
    const files = await materials.files(
      handle,
      versions.map((version) => version.id),
    );
    return versions.map((version) => ({
      id: version.id,
      number: version.number,
      note: version.note,
      url: version.url,
      createdAt: new Date(version.created_at).toISOString(),
      downloads: version.downloads,
      files: files
        .filter((file) => file.version_id === version.id)
        .map((file) => ({
          id: file.id,
          fileName: file.file_name,
          mediaType: file.media_type,
          size: file.size,
          sha256: file.sha256.toString('hex'),
        })),
    }));
  }

  async function detailOf(
    handle: DbOrTx,
    principal: Principal,
    opened: { row: MaterialRow; canManage: boolean },
  ): Promise<MaterialDetail> {
    const { row, canManage } = opened;
    // A reader of the national flyer learns only the uses inside her own scope.
    const [versions, uses] = await Promise.all([
      versionsOf(handle, row.id),
      materials.uses(handle, row.id, canManage ? 'all' : scopeOf(principal, 'campaign.manage')),
    ]);
    const campaigns = [...new Map(uses.map((use) => [use.campaign_id, use.campaign_title])).entries()];
    return {
      ...summaryOf(row),
      summary: row.summary,
      publishedAt: row.published_at === null ? null : new Date(row.published_at).toISOString(),
      canManage,
      versions,
      uses: uses.map((use) => ({
        activityId: use.activity_id,
        activityTitle: use.activity_title,
        heldOn: use.held_on,
        hostUnitName: use.host_unit_name,
        campaignId: use.campaign_id,
        campaignTitle: use.campaign_title,
        versionNumber: use.version_number,
      })),
      campaigns: campaigns.map(([id, title]) => ({ id, title })),
    };
  }

  const reopen = async (handle: DbOrTx, actor: Actor, materialId: number) =>
    detailOf(handle, actor.principal, await openMaterial(handle, actor.principal, materialId, 'see'));

  /** A new version row after the highest number, under the material's row lock. */
  async function insertVersion(
    handle: DbOrTx,
    actor: Actor,
    materialId: number,
    fields: { note: string | null; url: string | null },
  ) {
    const existing = await materials.versions(handle, materialId);
    const number = nextVersionNumber(existing.map((version) => version.number));
    const { id } = await handle
      .insertInto('material_versions')
      .values({
        material_id: materialId,
        number,
        note: fields.note,
        url: fields.url,
        created_by: actor.userId,
        created_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle
      .updateTable('materials')
      .set({ updated_at: clock.now() })
      .where('id', '=', materialId)
      .execute();
    return { id, number };
  }

  return {
    /** Materials the caller manages, or that are owned above her units (the national library). */
    async listMaterials(actor: Actor) {
      const rows = await materials.visibleMaterials(db, scopeOf(actor.principal, 'campaign.manage'));
      return {
        items: rows.map(summaryOf),
        canCreate: canAnywhere(actor.principal, 'campaign.manage'),
      };
    },

    async getMaterial(actor: Actor, materialId: number): Promise<MaterialDetail> {
      return reopen(db, actor, materialId);
    },

    /** A draft material at a unit the caller manages campaigns of; its slug made from the title if none. */
    async createMaterial(actor: Actor, input: CreateMaterialInput): Promise<MaterialDetail> {
      return db.transaction().execute(async (tx) => {
        const unit = await materials.unit(tx, input.ownerUnitId);
        if (!unit || !can(actor.principal, 'campaign.manage', unit.path)) throw new AppError('not_found');
        let slug: string;
        if (input.slug !== null) {
          if ((await materials.takenSlugs(tx, input.slug)).has(input.slug))
            throw new AppError('conflict', undefined, { fields: [{ path: 'slug', message: 'taken' }] });
          slug = input.slug;
        } else {
          const base = slugOf(input.title);
          slug = freeSlug(base, await materials.takenSlugs(tx, base));
        }
        const { id } = await tx
          .insertInto('materials')
          .values({
            slug,
            owner_unit_id: unit.id,
            kind: input.kind,
            title: input.title,
            summary: input.summary,
            language: input.language,
            audience: input.audience,
            licence: input.licence,
            created_by: actor.userId,
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, actor, 'material.create', 'material', String(id), unit.id, {
          kind: input.kind,
          slug,
        });
        return reopen(tx, actor, id);
      });
    },

    /** Refuses a caller who may not add a version before her upload is read (the route asks first). */
    async checkCanManage(actor: Actor, materialId: number): Promise<void> {
      await openMaterial(db, actor.principal, materialId, 'manage');
    },

    /**
     * A new version carrying one file: size-limited and its type sniffed from the bytes before anything
     * is written (a refused upload leaves no row); stored with its SHA-256.
     */
    async addFileVersion(
      actor: Actor,
      materialId: number,
      file: IncomingMaterialFile,
      note: string | null,
    ): Promise<MaterialDetail> {
      const mediaType = await sniffUpload(file.data, {
        maxBytes: deps.maxFileBytes,
        types: materialFileTypes,
      });
      return db.transaction().execute(async (tx) => {
        const { row } = await openMaterial(tx, actor.principal, materialId, 'manage', { lock: true });
        const failure = versionFailure(row.kind as MaterialKind, { hasFile: true });
        if (failure) throw materialState(failure);
        const version = await insertVersion(tx, actor, materialId, { note, url: null });
        const sha256 = createHash('sha256').update(file.data).digest();
        const extension = mediaType === 'application/pdf' ? '.pdf' : '';
        await tx
          .insertInto('material_files')
          .values({
            version_id: version.id,
            file_name: safeFileName(file.name, `${row.slug}-v${version.number}${extension}`),
            media_type: mediaType,
            size: file.data.length,
            sha256,
            data: file.data,
            uploaded_by: actor.userId,
            uploaded_at: clock.now(),
          })
          .execute();
        await audit(tx, actor, 'material.version_add', 'material', String(materialId), row.owner_unit_id, {
          version: version.number,
          mediaType,
          size: file.data.length,
          sha256: sha256.toString('hex'),
        });
        return reopen(tx, actor, materialId);
      });
    },

    /** A new version of a video material: its https link. */
    async addLinkVersion(
      actor: Actor,
      materialId: number,
      input: { url: string; note: string | null },
    ): Promise<MaterialDetail> {
      return db.transaction().execute(async (tx) => {
        const { row } = await openMaterial(tx, actor.principal, materialId, 'manage', { lock: true });
        const failure = versionFailure(row.kind as MaterialKind, { hasFile: false });
        if (failure) throw materialState(failure);
        const version = await insertVersion(tx, actor, materialId, { note: input.note, url: input.url });
        await audit(tx, actor, 'material.version_add', 'material', String(materialId), row.owner_unit_id, {
          version: version.number,
          url: input.url,
        });
        return reopen(tx, actor, materialId);
      });
    },

    /** Publishing puts the material on /materi (it needs a version); unpublishing takes it off. */
    async publishMaterial(actor: Actor, materialId: number, published: boolean): Promise<MaterialDetail> {
      return db.transaction().execute(async (tx) => {
        const { row } = await openMaterial(tx, actor.principal, materialId, 'manage', { lock: true });
        const failure = publishFailure(row.status as MaterialStatus, row.latest_version ?? 0, published);
        if (failure) throw materialState(failure);
        await tx
          .updateTable('materials')
          .set({
            status: published ? 'published' : 'unpublished',
            ...(published && { published_at: clock.now() }),
            updated_at: clock.now(),
          })
          .where('id', '=', materialId)
          .execute();
        await audit(
          tx,
          actor,
          published ? 'material.publish' : 'material.unpublish',
          'material',
          String(materialId),
          row.owner_unit_id,
          { from: row.status },
        );
        return reopen(tx, actor, materialId);
      });
    },

    /**
     * Records that a campaign activity used a version (the newest when none is named). The caller must
     * manage the activity and see the material; a closed campaign's activities stay as they were.
     */
    async linkActivity(
      actor: Actor,
      materialId: number,
      input: { activityId: number; versionNumber: number | null },
    ): Promise<MaterialDetail> {
      return db.transaction().execute(async (tx) => {
        const { row } = await openMaterial(tx, actor.principal, materialId, 'see');
        const activity = await openActivity(tx, actor.principal, input.activityId, 'manage', { lock: true });
        if (activity.row.status === 'closed')
          throw new AppError('campaign_state', undefined, { public: { rule: 'closed' } });
        const number = input.versionNumber ?? row.latest_version;
        const version = number === null ? undefined : await materials.version(tx, materialId, number);
        if (!version) throw new AppError('not_found');
        const added = await tx
          .insertInto('material_activity_links')
          .values({
            activity_id: input.activityId,
            version_id: version.id,
            linked_by: actor.userId,
            linked_at: clock.now(),
          })
          .onConflict((conflict) => conflict.columns(['activity_id', 'version_id']).doNothing())
          .returning('version_id')
          .execute();
        if (added.length)
          await audit(
            tx,
            actor,
            'material.activity_link',
            'campaign_activity',
            String(input.activityId),
            activity.activity.host_unit_id,
            { materialId, version: version.number },
          );
        return reopen(tx, actor, materialId);
      });
    },

    /** A file for staff (any status): the same door as the material. */
    async staffFile(actor: Actor, materialId: number, fileId: number) {
      await openMaterial(db, actor.principal, materialId, 'see');
      const file = await materials.file(db, materialId, fileId);
      if (!file) throw new AppError('not_found');
      return { name: file.file_name, mediaType: file.media_type, data: file.data };
    },

    // ── The public half (/materi): published materials only, no account, nothing about the reader ──────

    async publicList() {
      return (await materials.publishedMaterials(db)).map(summaryOf);
    },

    /** A published material by slug or id, with its versions; null for anything else (one answer). */
    async publicMaterial(slugOrId: string) {
      const row = await materials.publishedMaterial(db, slugOrId.slice(0, 80));
      if (!row) return null;
      return { ...summaryOf(row), summary: row.summary, versions: await versionsOf(db, row.id) };
    },

    /**
     * A published material's file, counted as one download of its version today (Asia/Jakarta). The
     * counter is all that is written: no address, agent or time of day.
     */
    async publicDownload(slugOrId: string, fileId: number) {
      const row = await materials.publishedMaterial(db, slugOrId.slice(0, 80));
      if (!row) return null;
      const file = await materials.file(db, row.id, fileId);
      if (!file) return null;
      await materials.countDownload(db, file.version_id, isoDateIn(clock.now()));
      return { name: file.file_name, mediaType: file.media_type, data: file.data };
    },

    /** A published video version's link, counted like a download; null when there is none. */
    async publicVideo(slugOrId: string, versionNumber: number) {
      const row = await materials.publishedMaterial(db, slugOrId.slice(0, 80));
      if (!row) return null;
      const version = await materials.version(db, row.id, versionNumber);
      if (!version?.url) return null;
      await materials.countDownload(db, version.id, isoDateIn(clock.now()));
      return version.url;
    },
  };
}

export type MaterialsService = ReturnType<typeof createMaterialsService>;

/** What the public pages need of the materials module. */
export type PublicMaterialsService = Pick<
  MaterialsService,
  'publicList' | 'publicMaterial' | 'publicDownload' | 'publicVideo'
>;
