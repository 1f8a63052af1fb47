#!/usr/bin/env node
import '../dist/bin/megatec-sim.js';
