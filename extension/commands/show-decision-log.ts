// Airlock: Show Decision Log — the Decisions view.
import type { CommandFactory } from './context';

export const showDecisionLog: CommandFactory = (ctx) => () => ctx.views.decisions.reveal();
