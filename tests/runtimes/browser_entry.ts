/**
 * The script the Chromium harness loads into its page: exposes the scenario's `runStep` for
 * `page.evaluate`.
 *
 * @module
 */

import { runStep } from "./scenario.ts";

(globalThis as { runStep?: typeof runStep }).runStep = runStep;
