import type { MaterialSummary, MaterialVersionView } from '../../../shared/contracts/materials.ts';
import { withLanguage } from '../public-i18n.ts';
import { Layout, Notice, type PageContext } from './layout.tsx';

/** The public materials library (/materi, /materi/<slug>): no script, no cookie, a few KB. */
const plain = (page: PageContext) => ({ title: page.t('materials.title'), site: page.t('materials.site') });

export interface PublicMaterial extends MaterialSummary {
  summary: string | null;
  versions: MaterialVersionView[];
}

/** `1,2 MB`, `340 KB`: a download's size in the reader's language. */
function size(bytes: number, page: PageContext): string {
  const format = (value: number) =>
    new Intl.NumberFormat(page.language === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(
      value,
    );
  return bytes >= 1024 * 1024
    ? `${format(bytes / (1024 * 1024))} MB`
    : `${format(Math.max(1, bytes / 1024))} KB`;
}

const materialPath = (material: { slug: string }) => `/materi/${material.slug}`;

export function MaterialsListPage(props: { page: PageContext; materials: readonly MaterialSummary[] }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)} switchPath="/materi">
      <h1>{t('materials.heading')}</h1>
      <p className="lead">{t('materials.intro')}</p>
      {props.materials.length === 0 ? (
        <p>{t('materials.none')}</p>
      ) : (
        <ul aria-label={t('materials.listLabel')}>
          {props.materials.map((material) => (
            <li key={material.id}>
              <a href={withLanguage(materialPath(material), language)}>{material.title}</a>{' '}
              <span className="hint">
                {t(`materials.kinds.${material.kind}`)} · {t(`materials.languages.${material.language}`)} ·{' '}
                {material.ownerUnitName}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{t('materials.privacy')}</p>
    </Layout>
  );
}

function Version(props: {
  page: PageContext;
  material: PublicMaterial;
  version: MaterialVersionView;
  isLatest: boolean;
}) {
  const { page, material, version } = props;
  const { t, language } = page;
  return (
    <li>
      <h3>
        {t('materials.version', { number: version.number })}
        {props.isLatest && ` (${t('materials.latest')})`}
      </h3>
      {version.note && <p>{version.note}</p>}
      <ul>
        {version.url && (
          <li>
            <a
              href={withLanguage(`${materialPath(material)}/video/${version.number}`, language)}
              rel="noreferrer"
            >
              {t('materials.watch', { number: version.number })}
            </a>
          </li>
        )}
        {version.files.map((file) => (
          <li key={file.id}>
            <a href={withLanguage(`${materialPath(material)}/unduh/${file.id}`, language)} download>
              {t('materials.download', { name: file.fileName })}
            </a>{' '}
            <span className="hint">({size(file.size, page)})</span>
            <br />
            <span className="hint">
              {t('materials.sha256')}: <code>{file.sha256}</code>
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">{t('materials.downloads', { count: version.downloads })}</p>
    </li>
  );
}

export function MaterialPage(props: { page: PageContext; material: PublicMaterial }) {
  const { page, material } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)} switchPath={materialPath(material)}>
      <p>
        <a href={withLanguage('/materi', language)}>{t('materials.back')}</a>
      </p>
      <h1>{material.title}</h1>
      {material.summary && <p className="lead">{material.summary}</p>}
      <dl>
        <dt>{t('materials.kind')}</dt>
        <dd>{t(`materials.kinds.${material.kind}`)}</dd>
        <dt>{t('materials.language')}</dt>
        <dd>{t(`materials.languages.${material.language}`)}</dd>
        <dt>{t('materials.audience')}</dt>
        <dd>{t(`materials.audiences.${material.audience}`)}</dd>
        <dt>{t('materials.licence')}</dt>
        <dd>{t(`materials.licences.${material.licence}`)}</dd>
        <dt>{t('materials.owner')}</dt>
        <dd>{material.ownerUnitName}</dd>
      </dl>
      <section aria-labelledby="versions">
        <h2 id="versions">{t('materials.versions')}</h2>
        <ol reversed>
          {material.versions.map((version, index) => (
            <Version
              key={version.id}
              page={page}
              material={material}
              version={version}
              isLatest={index === 0}
            />
          ))}
        </ol>
      </section>
      <p className="hint">{t('materials.privacy')}</p>
    </Layout>
  );
}

/** One answer for every address that is not a published material. */
export function MaterialNotFoundPage(props: { page: PageContext }) {
  const { page } = props;
  const { t, language } = page;
  return (
    <Layout page={page} plain={plain(page)}>
      <h1>{t('materials.heading')}</h1>
      <Notice tone="warn" heading={t('materials.notFoundHeading')}>
        <p>{t('materials.notFound')}</p>
      </Notice>
      <p>
        <a className="button" href={withLanguage('/materi', language)}>
          {t('materials.back')}
        </a>
      </p>
    </Layout>
  );
}
