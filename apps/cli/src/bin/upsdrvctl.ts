#!/usr/bin/env node
import { runTool } from './run-tool.js';
import { upsdrvctl } from '../upsdrvctl.js';

await runTool(upsdrvctl);
