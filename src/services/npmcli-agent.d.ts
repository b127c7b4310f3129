/** The part of `@npmcli/agent` (npm's HTTP agent, with proxy support) Rampart uses; the package ships no types. */
declare module '@npmcli/agent' {
  import type { Agent } from 'node:http';
  export function getAgent(url: string, options?: Readonly<Record<string, unknown>>): Agent | undefined;
}
