#!/usr/bin/env node
import '../dist/bin/upsrw.js';
