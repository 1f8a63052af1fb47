#!/usr/bin/env node
import '../dist/bin/nutdrv_qx.js';
