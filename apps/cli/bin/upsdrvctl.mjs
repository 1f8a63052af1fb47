#!/usr/bin/env node
import '../dist/bin/upsdrvctl.js';
