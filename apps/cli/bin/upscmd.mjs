#!/usr/bin/env node
import '../dist/bin/upscmd.js';
