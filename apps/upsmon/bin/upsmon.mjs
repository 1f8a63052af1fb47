#!/usr/bin/env node
import '../dist/bin/upsmon.js';
