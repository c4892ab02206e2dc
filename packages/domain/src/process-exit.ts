/**
 * The engine's exit code that asks its supervisor to start it again rather than stop the terminal
 * (BSD's EX_TEMPFAIL): the daily restart for a new day's instrument listing (ADR 0025). `npm start`
 * restarts the engine on it; Docker's `restart: unless-stopped` restarts on any exit.
 */
export const ENGINE_RESTART_EXIT_CODE = 75;
