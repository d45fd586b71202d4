// Frame times the map records for the benchmark (bench/featuremap.py), read from the page as
// `root.swTimings`.

/** Frame times (ms) the view records. */
export interface Timings {
  firstPaint: number;
  /** Input event to painted frame, for hovers that changed the hovered point. This includes the
   * wait for the frame that carries the event (Chromium dispatches pointer moves aligned to
   * animation frames), up to one display refresh. */
  hover: number[];
  /** Handler start to painted frame for the same hovers: the frame's own work. */
  hoverFrame: number[];
  /** Input event to painted frame, for each brush move. */
  brush: number[];
  /** Handler start to painted frame for the same brush moves. */
  brushFrame: number[];
  commit: number[];
}

export function newTimings(): Timings {
  return { firstPaint: NaN, hover: [], hoverFrame: [], brush: [], brushFrame: [], commit: [] };
}

/** Push the times from `event` (an event's timeStamp) and from `start` (its handler's start) to
 * just after the next frame is painted: the next animation frame, then a task queued from it
 * (which runs once that frame is drawn). */
export function afterPaint(fromEvent: number[], event: number, fromStart: number[], start: number): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const now = performance.now();
      fromEvent.push(now - event);
      fromStart.push(now - start);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}

/** DOM listeners that are all removed together. */
export interface Listeners {
  on<K extends keyof HTMLElementEventMap>(
    target: HTMLElement,
    type: K,
    fn: (e: HTMLElementEventMap[K]) => void,
    opts?: AddEventListenerOptions,
  ): void;
  off(): void;
}

export function listeners(): Listeners {
  const cleanups: (() => void)[] = [];
  return {
    on(target, type, fn, opts) {
      target.addEventListener(type, fn as EventListener, opts);
      cleanups.push(() => target.removeEventListener(type, fn as EventListener));
    },
    off() {
      for (const c of cleanups.splice(0)) c();
    },
  };
}
