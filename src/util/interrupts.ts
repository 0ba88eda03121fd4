// SIGINT and SIGTERM as a rejection that work can race its slow, read-only steps
// against, so a command stops at once and still cleans up after itself, instead of
// Node's default of dying wherever it is.
import { constants } from 'node:os';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: InterruptSignal[] = ['SIGINT', 'SIGTERM'];

export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly signal: InterruptSignal) {
    super(`interrupted by ${signal}`);
  }

  /** The shell's convention for "ended by this signal": 130 for SIGINT, 143 for SIGTERM. */
  get exitCode(): number {
    return exitCodeFor(this.signal);
  }
}

export function exitCodeFor(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}

export interface InterruptWatch {
  /**
   * The step's result, or Interrupted as soon as a signal arrives. The step is then
   * abandoned while it runs on, so only give steps that write nothing.
   */
  race<T>(step: Promise<T>): Promise<T>;
  /** Throws Interrupted when a signal has arrived: between steps that must not be cut short. */
  check(): void;
  /** The signal that arrived, if one did. */
  readonly signal: InterruptSignal | undefined;
  /** Gives the signals back to Node's default handling. */
  stop(): void;
}

/**
 * Catches the first SIGINT or SIGTERM from now until stop(). A second signal gets
 * Node's default (the process ends at once): whoever sends it will not wait for cleanup.
 */
export function watchInterrupts(): InterruptWatch {
  let received: InterruptSignal | undefined;
  let interrupt: (error: Interrupted) => void = () => undefined;
  const interrupted = new Promise<never>((_resolve, reject) => {
    interrupt = reject;
  });
  // Only ever awaited through race(); this keeps a signal outside a race from being "unhandled".
  interrupted.catch(() => undefined);
  const stop = (): void => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  function onSignal(signal: InterruptSignal): void {
    received = signal;
    stop();
    interrupt(new Interrupted(signal));
  }
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return {
    race: (step) => Promise.race([step, interrupted]),
    check() {
      if (received !== undefined) throw new Interrupted(received);
    },
    get signal() {
      return received;
    },
    stop,
  };
}
