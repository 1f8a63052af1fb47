#!/usr/bin/env node
import '../dist/bin/nut-web.js';
