import { createRequire } from 'node:module';

/** gt's version, from its package.json. */
export const gtVersion = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
