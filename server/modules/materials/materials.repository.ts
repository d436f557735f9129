import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/** A material with its owner unit, newest version and all-time downloads: the row every list reads. */
function materialRows(handle: DbOrTx) {
  return handle
    .selectFrom('materials as m')
    .innerJoin('units as u', 'u.id', 'm.owner_unit_id')
    .select([
      'm.id',
      'm.slug',
      'm.owner_unit_id',
      'u.name as owner_unit_name',
      'u.path as owner_unit_path',
      'm.kind',
      'm.title',
      'm.summary',
      'm.language',
      'm.audience',
      'm.licence',
      'm.status',
      'm.published_at',
      sql<number | null>`(SELECT max(v.number) FROM material_versions v WHERE v.material_id = m.id)`.as(
        'latest_version',
      ),
      sql<number>`(
        SELECT coalesce(sum(d.count), 0)::int FROM material_downloads d
        JOIN material_versions v ON v.id = d.version_id WHERE v.material_id = m.id
      )`.as('downloads'),
    ]);
}
export type MaterialRow = Awaited<ReturnType<ReturnType<typeof materialRows>['executeTakeFirstOrThrow']>>;

/** SQL of the materials library; plain rows, no rules. */
export function createMaterialsRepository() {
  return {
    unit(handle: DbOrTx, id: number) {
      return handle
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    material(handle: DbOrTx, id: number, options: { lock?: boolean } = {}) {
      let query = materialRows(handle).where('m.id', '=', id);
      if (options.lock) query = query.forUpdate('m');
      return query.executeTakeFirst();
    },

    /**
     * Materials whose owner lies inside one of `roots` or above one of them (the caller's scope, in SQL:
     * CONVENTIONS habit 5), newest first.
     */
    visibleMaterials(handle: DbOrTx, roots: readonly string[]) {
      return materialRows(handle)
        .where(
          sql<boolean>`EXISTS (
            SELECT 1 FROM unnest(${roots}::text[]) r WHERE u.path LIKE r || '%' OR r LIKE u.path || '%'
          )`,
        )
        .orderBy('m.updated_at', 'desc')
        .orderBy('m.id', 'desc')
        .execute();
    },

    publishedMaterials(handle: DbOrTx) {
      return materialRows(handle)
        .where('m.status', '=', 'published')
        .orderBy('m.published_at', 'desc')
        .orderBy('m.id', 'desc')
        .execute();
    },

    /** A published material by slug or id; anything that cannot be either is not looked up at all. */
    async publishedMaterial(handle: DbOrTx, slugOrId: string) {
      if (!/^[a-z0-9-]{1,80}$/.test(slugOrId)) return undefined;
      const id = /^[1-9][0-9]{0,8}$/.test(slugOrId) ? Number(slugOrId) : null;
      return materialRows(handle)
        .where('m.status', '=', 'published')
        .where((eb) => (id === null ? eb('m.slug', '=', slugOrId) : eb('m.id', '=', id)))
        .executeTakeFirst();
    },

    takenSlugs(handle: DbOrTx, base: string) {
      return handle
        .selectFrom('materials')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
        .then((rows) => new Set(rows.map((row) => row.slug)));
    },

    /** Versions of a material, newest first, with their downloads. */
    versions(handle: DbOrTx, materialId: number) {
      return handle
        .selectFrom('material_versions as v')
        .select([
          'v.id',
          'v.number',
          'v.note',
          'v.url',
          'v.created_at',
          sql<number>`(SELECT coalesce(sum(d.count), 0)::int FROM material_downloads d WHERE d.version_id = v.id)`.as(
            'downloads',
          ),
        ])
        .where('v.material_id', '=', materialId)
        .orderBy('v.number', 'desc')
        .execute();
    },

    /** The files of some versions, without their bytes. */
    files(handle: DbOrTx, versionIds: readonly number[]) {
      if (versionIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('material_files')
        .select(['id', 'version_id', 'file_name', 'media_type', 'size', 'sha256'])
        .where('version_id', 'in', versionIds)
        .orderBy('id')
        .execute();
    },

    /** One file with its bytes, if it belongs to `materialId`. */
    file(handle: DbOrTx, materialId: number, fileId: number) {
      return handle
        .selectFrom('material_files as f')
        .innerJoin('material_versions as v', 'v.id', 'f.version_id')
        .select(['f.id', 'f.version_id', 'f.file_name', 'f.media_type', 'f.data', 'v.number'])
        .where('f.id', '=', fileId)
        .where('v.material_id', '=', materialId)
        .executeTakeFirst();
    },

    version(handle: DbOrTx, materialId: number, number: number) {
      return handle
        .selectFrom('material_versions')
        .select(['id', 'number', 'url'])
        .where('material_id', '=', materialId)
        .where('number', '=', number)
        .executeTakeFirst();
    },

    /**
     * Activities that used a version of the material, hosted inside `roots` ('all' for the owner's
     * managers), with their campaign.
     */
    uses(handle: DbOrTx, materialId: number, roots: readonly string[] | 'all') {
      let query = handle
        .selectFrom('material_activity_links as l')
        .innerJoin('material_versions as v', 'v.id', 'l.version_id')
        .innerJoin('campaign_activities as a', 'a.id', 'l.activity_id')
        .innerJoin('units as hu', 'hu.id', 'a.host_unit_id')
        .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
        .select([
          'a.id as activity_id',
          'a.title as activity_title',
          'a.held_on',
          'hu.name as host_unit_name',
          'c.id as campaign_id',
          'c.title as campaign_title',
          'v.number as version_number',
        ])
        .where('v.material_id', '=', materialId);
      if (roots !== 'all')
        query = query.where(sql<boolean>`hu.path LIKE ANY (SELECT r || '%' FROM unnest(${roots}::text[]) r)`);
      return query.orderBy('a.held_on', 'desc').orderBy('a.id').orderBy('v.number').execute();
    },

    /** One more download of a version today (an upsert: the day's row is made on its first download). */
    async countDownload(handle: DbOrTx, versionId: number, day: string): Promise<void> {
      await handle
        .insertInto('material_downloads')
        .values({ version_id: versionId, day_on: day, count: 1 })
        .onConflict((conflict) =>
          conflict
            .columns(['version_id', 'day_on'])
            .doUpdateSet({ count: sql`material_downloads.count + 1` }),
        )
        .execute();
    },
  };
}

export type MaterialsRepository = ReturnType<typeof createMaterialsRepository>;
