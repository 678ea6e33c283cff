#!/usr/bin/env node
// Thin shim: all logic lives in the compiled CLI so `--help` stays cheap.
import '../dist/cli/main.js';
