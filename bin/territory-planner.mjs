#!/usr/bin/env node
// `npx territory-planner …` from the repository: the command line of src/cli, run from its TypeScript source through
// tsx (a dev dependency, installed with the repository; no build step, nothing fetched).
import { register } from 'tsx/esm/api';

register();
const { runCli, nodeIo } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
