/**
 * `npm run test:soak`: long runs kept out of `npm test` (whose testMatch takes only *.test.ts). Same setup as
 * jest.config.js, one file at a time, generous timeouts.
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['**/test/soak/**/*.soak.ts'],
  testTimeout: 20 * 60_000,
  maxWorkers: 1,
};
