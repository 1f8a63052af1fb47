#!/usr/bin/env node
import { runTool } from './run-tool.js';
import { upsc } from '../upsc.js';

await runTool(upsc);
