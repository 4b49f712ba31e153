import { Init1795607341501 } from './1795607341501-Init.js';
import { Media1795610982207 } from './1795610982207-Media.js';
import { Accounts1795608761572 } from './1795608761572-Accounts.js';
import { Projects1795615935065 } from './1795615935065-Projects.js';
import { Arrangement1795618356186 } from './1795618356186-Arrangement.js';
import { Compilations1795624156156 } from './1795624156156-Compilations.js';
import { MediaContentHash1795631000000 } from './1795631000000-MediaContentHash.js';
import { JobsQueueStarted1795640000000 } from './1795640000000-JobsQueueStarted.js';
import { Tiers1795650000000 } from './1795650000000-Tiers.js';
import { Themes1795660000000 } from './1795660000000-Themes.js';
import { Automation1795670000000 } from './1795670000000-Automation.js';
import { Sharing1795680000000 } from './1795680000000-Sharing.js';
import { IngestImports1795690000000 } from './1795690000000-IngestImports.js';
import { ImportedCompilations1795710000000 } from './1795710000000-ImportedCompilations.js';
import { WorkerRegistration1795700000000 } from './1795700000000-WorkerRegistration.js';
import { CeleryQueue1795720000000 } from './1795720000000-CeleryQueue.js';

/** Every migration, oldest first. `npm run migration:generate` writes new ones here. */
export const MIGRATIONS = [
  Init1795607341501,
  Accounts1795608761572,
  Media1795610982207,
  Projects1795615935065,
  Arrangement1795618356186,
  Compilations1795624156156,
  MediaContentHash1795631000000,
  JobsQueueStarted1795640000000,
  Tiers1795650000000,
  Themes1795660000000,
  Automation1795670000000,
  Sharing1795680000000,
  IngestImports1795690000000,
  WorkerRegistration1795700000000,
  ImportedCompilations1795710000000,
  CeleryQueue1795720000000,
];
