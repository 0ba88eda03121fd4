import { check } from '../../../src/policy/checks/no-new-privileges.js';
import { runCheckTable } from './run-check-table.js';
import { hardenedSpec, spec } from './spec.js';

const nnp = (noNewPrivileges: boolean, raw: string[]) => spec({ security: { noNewPrivileges, raw } });

runCheckTable(check, {
  pass: [hardenedSpec(), nnp(true, ['no-new-privileges=true']), nnp(true, ['no-new-privileges:true']), nnp(true, ['no-new-privileges=false', 'no-new-privileges'])],
  fail: [
    [spec(), /^does not set no-new-privileges$/],
    // An explicit opt-out: the peer's substring match counts it as set.
    [nnp(false, ['no-new-privileges=false']), /^sets no-new-privileges=false, so processes can gain privileges$/],
    [nnp(false, ['no-new-privileges:false']), /^sets no-new-privileges:false/],
    [nnp(false, ['no-new-privileges', 'no-new-privileges=false']), /sets no-new-privileges=false/],
    [nnp(false, ['seccomp=unconfined']), /^does not set no-new-privileges$/],
  ],
});
