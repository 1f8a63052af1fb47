#!/usr/bin/env node
import { runTool } from './run-tool.js';
import { upsrw } from '../upsrw.js';

await runTool(upsrw);
