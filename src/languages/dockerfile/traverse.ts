import type { Instruction } from 'dockerfile-ast';
import type { VisitorTable } from '../../engine/language';
import type { DockerfileFile, DockerfileNode } from './parse';

/**
 * Visits the file, then each instruction in source order (kind `Instruction`, enter and exit; an
 * `ONBUILD`'s trigger is part of its instruction), then leaves the file.
 */
export function traverseDockerfile(root: DockerfileFile, visitors: VisitorTable<DockerfileNode>): void {
  const { enter, exit } = visitors;
  call(enter, 'File', root);
  const instructions = [...root.dockerfile.getInstructions()].sort(bySource);
  for (const instruction of instructions) {
    call(enter, 'Instruction', instruction);
    call(exit, 'Instruction', instruction);
  }
  call(exit, 'File', root);
}

function bySource(a: Instruction, b: Instruction): number {
  const x = a.getRange().start;
  const y = b.getRange().start;
  return x.line - y.line || x.character - y.character;
}

function call(table: VisitorTable<DockerfileNode>['enter'], kind: string, node: DockerfileNode): void {
  const fns = table.get(kind);
  if (fns) for (const fn of fns) fn(node);
}
