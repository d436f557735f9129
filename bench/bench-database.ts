import pg from 'pg';

/** Shared settings of the benchmarks: where the bench database lives and where files go. */
export const BENCH_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/setara_bench';
export const BENCH_DIR = '.tmp/bench';
export const MEMBERS_CSV = `${BENCH_DIR}/members-1m.csv`;
export const MEMBERS_CSV_100K = `${BENCH_DIR}/members-100k.csv`;

/** Server-level URL (database `postgres`) and the bench database name, from a database URL. */
export function serverOf(url: string): { adminUrl: string; name: string } {
  const parsed = new URL(url);
  const name = parsed.pathname.replace(/^\//, '') || 'setara_bench';
  parsed.pathname = '/postgres';
  return { adminUrl: parsed.toString(), name };
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(adminUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

export const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1);
export const say = (message: string) => process.stdout.write(`${message}\n`);
