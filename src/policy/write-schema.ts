// Writes policies/policy.schema.json from the check registry:
//   npm run build && node dist/policy/write-schema.js
// A test fails when the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { checks } from './checks/index.js';
import { POLICY_SCHEMA_PATH } from './packs.js';
import { renderPolicySchema } from './schema.js';

writeFileSync(POLICY_SCHEMA_PATH, renderPolicySchema(checks));
process.stdout.write(`wrote ${POLICY_SCHEMA_PATH}\n`);
