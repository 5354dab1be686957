/**
 * Once per Jest run: the backend serves the ops console's build at /ops, so every layer that starts
 * a server (unit through inject, browser in Chromium) needs it. Built once per run, or when a
 * source is newer than the build.
 */
import { ensureConsoleBuild } from './build';

export default function globalSetup(): void {
  ensureConsoleBuild();
}
