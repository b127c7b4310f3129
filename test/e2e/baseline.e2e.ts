import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeFingerprint, createBaseline, serializeBaseline } from '../../src/baseline';
import { useSession, type Problem } from './harness';

const TLS_LINE = '      rejectUnauthorized: false,';
const BASELINE = serializeBaseline(
  createBaseline(
    [{ path: 'src/lib/status-client.js', rule: 'js/no-disabled-tls', fingerprint: codeFingerprint('js/no-disabled-tls', TLS_LINE), count: 1, excerpt: 'rejectUnauthorized: false,' }],
    '0.1.0',
  ),
);

const isTls = (p: Problem) => p.file === 'status-client.js' && p.source === 'rampart' && p.code === 'js/no-disabled-tls';
const isShell = (p: Problem) => p.file === 'server.js' && p.source === 'rampart' && p.code === 'js/no-shell-injection';

describe('Rampart in VS Code: the committed baseline', () => {
  const session = useSession({ label: 'baseline', files: { '.rampart-baseline.json': BASELINE } });

  it('a finding the baseline accepts is not a problem (a hint only); others are; editing the baseline file is followed', async () => {
    const s = session();
    const file = path.join(s.workspace, '.rampart-baseline.json');
    await s.openFile('src/server.js');
    await s.waitForProblem('js/no-shell-injection in server.js (not in the baseline)', isShell);
    await s.openFile('src/lib/status-client.js');
    await s.waitForNoProblem('js/no-disabled-tls to stay out of Problems (baselined: a hint)', isTls, 5_000);

    fs.rmSync(file);
    await s.waitForProblem('js/no-disabled-tls once the baseline is deleted', isTls);
    fs.writeFileSync(file, BASELINE);
    await s.waitForNoProblem('js/no-disabled-tls once the baseline is back', isTls);
  });
});
