#!/usr/bin/env node
import '../dist/bin/upsc.js';
