export { makeTempDir } from './temp.js';
export { waitFor, freePort } from './wait.js';
export { spawnProcess, stopAll, type SpawnedProcess } from './process.js';
export {
  NUT_SBIN,
  DEFAULT_DEV,
  DEFAULT_USERS,
  realNutStatus,
  describeInterop,
  startNutSite,
  type NutSite,
  type NutSiteOptions,
} from './real-nut.js';
export { scale, fuzzRuns } from './soak.js';
export { fullTmpfs, devFullFiles, FullDisks, type FullDir } from './full-disk.js';
export { anyChar, chunkSizes, chunksOf } from './arbitraries.js';
