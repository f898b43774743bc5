// Runs in the browser before the app hydrates. The Content-Security-Policy forbids eval: zod must not probe for it
// (its probe, `Function("")`, is itself reported as a violation) nor compile parsers with it.
import { z } from "zod";

z.config({ jitless: true });
