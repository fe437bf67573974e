// The fault a strategy's own code raises (a throw inside onBar, a malformed signal), named by strategy and place.
import { QtraderError } from '../model/index.js';

/** A strategy (built-in or the user's file) failed while running; the message names it and the bar. */
export class StrategyError extends QtraderError {}
