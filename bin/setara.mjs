#!/usr/bin/env node
// The `setara` operator CLI; the commands live in server/cli.ts (run through tsx).
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
