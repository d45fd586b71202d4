// Steer's runs: "run" requests, scheduled after a pause in editing; only the newest answer is
// drawn. While a run is scheduled or in flight the view's own edits win over echoes from Python.

import { request } from "../lib/request";
import type { Invoke } from "../lib/types";
import type { RunMessage } from "./data";
import type { Result } from "./result";

export interface RunHandlers {
  /** The run message of what the view shows now. */
  current(): RunMessage;
  draw(result: Result): void;
  /** Shows a run's error ("" when it went through). */
  report(message: string): void;
  /** Says whether a run is under way. */
  running(on: boolean): void;
}

export interface Runner {
  run(msg: RunMessage): Promise<void>;
  /** Runs the current message after `delay` ms (a later schedule replaces it). */
  schedule(delay: number): void;
  /** A run is scheduled or in flight. */
  busy(): boolean;
  destroy(): void;
}

/** The runs of the view; `on` says what to run and where the answers go. */
export function runner(invoke: Invoke, on: RunHandlers): Runner {
  let generation = 0;
  let pending = 0;
  let scheduled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (msg: RunMessage) => {
    const mine = ++generation;
    pending += 1;
    on.running(true);
    try {
      const result = await request<Result>(invoke, "run", msg);
      if (mine !== generation) return;
      on.report("");
      on.draw(result);
    } catch (error) {
      if (mine === generation) on.report(String(error instanceof Error ? error.message : error));
    } finally {
      pending -= 1;
      if (mine === generation) on.running(false);
    }
  };
  return {
    run,
    schedule(delay) {
      clearTimeout(timer);
      scheduled = true;
      timer = setTimeout(() => {
        scheduled = false;
        void run(on.current());
      }, delay);
    },
    busy: () => scheduled || pending > 0,
    destroy: () => clearTimeout(timer),
  };
}
