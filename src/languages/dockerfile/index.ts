import type { LanguageAdapter } from '../../engine/language';
import { DockerfileHelpers } from './helpers';
import { parseDockerfile, type DockerfileNode, type DockerfileParsedFile } from './parse';
import { traverseDockerfile } from './traverse';

export { DockerfileHelpers } from './helpers';
export {
  lspPositionToOffset,
  lspRangeToOffsets,
  MAX_INSTRUCTION_LENGTH,
  parseDockerfile,
  type DockerfileFile,
  type DockerfileNode,
  type DockerfileParsedFile,
  type LspPosition,
  type LspRange,
} from './parse';
export { traverseDockerfile } from './traverse';

/** The Dockerfile adapter: dockerfile-ast, instructions as `Instruction` nodes, `#` comments. */
export const dockerfileAdapter: LanguageAdapter<DockerfileNode, DockerfileHelpers> = {
  id: 'dockerfile',
  lineComment: '#',
  parse: (text) => parseDockerfile(text),
  traverse: (parsed, visitors) => traverseDockerfile((parsed as DockerfileParsedFile).root, visitors),
  createHelpers: (parsed) => new DockerfileHelpers(parsed as DockerfileParsedFile),
};
