#!/usr/bin/env node
import '../dist/bin/dummy-ups.js';
