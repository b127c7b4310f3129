/** Prints the Debian packages the precision corpora read (secrets, Python and IaC), one per line, for install-debian.sh. */
import { IAC_SOURCES } from '../../bench/corpus/iac-scan';
import { PYTHON_SOURCES } from '../../bench/corpus/python-scan';
import { DEBIAN_SOURCES } from '../../bench/corpus/secrets-scan';

const names = new Set([...DEBIAN_SOURCES, ...PYTHON_SOURCES, ...IAC_SOURCES].filter((s) => s.kind === 'debian').map((s) => s.package));
process.stdout.write([...names].sort().join('\n') + '\n');
