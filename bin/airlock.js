#!/usr/bin/env node
// The installed `airlock` command: the bundled CLI (npm run build makes it; npm ci runs the build).
import '../dist/airlock.js';
