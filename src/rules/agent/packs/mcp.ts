import type { Rule } from '../../../engine/rule';
import noBroadMcpFilesystem from '../no-broad-mcp-filesystem';
import noInsecureMcpTransport from '../no-insecure-mcp-transport';
import noMcpLiteralSecret from '../no-mcp-literal-secret';
import noMcpShellCommand from '../no-mcp-shell-command';
import noPrivilegedMcpContainer from '../no-privileged-mcp-container';
import noUnpinnedMcpServer from '../no-unpinned-mcp-server';

/** Rules of the MCP server configuration part of the agent pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noUnpinnedMcpServer,
  noMcpLiteralSecret,
  noInsecureMcpTransport,
  noBroadMcpFilesystem,
  noPrivilegedMcpContainer,
  noMcpShellCommand,
] as Rule[];
