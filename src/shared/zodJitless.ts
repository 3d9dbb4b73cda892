/**
 * Imported FIRST by every entry (UI, model host page, model worker): zod 4 decides at schema construction whether
 * to compile parsers with `new Function`, probing eval once; under the app's CSP (no 'unsafe-eval') that probe is
 * refused and reported as a CSP violation. Jitless mode skips the probe and the compilation.
 */
import { z } from 'zod';

z.config({ jitless: true });
