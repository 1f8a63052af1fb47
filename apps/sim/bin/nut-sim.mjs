#!/usr/bin/env node
import '../dist/bin/nut-sim.js';
