#!/usr/bin/env node
import '../dist/bin/usbhid-ups.js';
