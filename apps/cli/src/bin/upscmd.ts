#!/usr/bin/env node
import { runTool } from './run-tool.js';
import { upscmd } from '../upscmd.js';

await runTool(upscmd);
