#!/usr/bin/env node
// `npm run demo`: loads a synthetic SPN (see server/demo) into the database `npm start` uses.
const { register } = await import('tsx/esm/api');
register();
await import('../server/demo/run.ts');
