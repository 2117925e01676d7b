// Preload (node --import) used by the bench when /usr/bin/time is missing: writes the
// process's peak RSS in KiB to the file named by ECSIMG_BENCH_MAXRSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.ECSIMG_BENCH_MAXRSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
