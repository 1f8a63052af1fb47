export { Site, type SiteOptions } from './site/site.js';
export { Host, POWERDOWN_FLAG_CONTENT } from './site/host.js';
export { Timeline, type TimelineEvent, type TimelineKind } from './site/timeline.js';
export { judgeShutdown, type Verdict } from './site/verdict.js';
export { FAST_TIMERS, SITE_USERS, type SiteTimers } from './site/site-files.js';
export { findBin } from './site/bins.js';
export { ManagedProcess } from './site/managed-process.js';
export { runPowerCut, type PowerCutResult } from './scenarios/power-cut.js';
