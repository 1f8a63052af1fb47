#!/usr/bin/env node
import '../dist/bin/upsd.js';
