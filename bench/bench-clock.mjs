/**
 * Preloaded (`node --import`) into every process of the cold-start benchmark: the wall clock
 * runs from BENCH_NOW_MS instead of today, so a handler's first call sees the bench's invite as
 * upcoming and its prompt as due, whenever the benchmark runs. `globalThis.benchSetNow(ms)`
 * moves it (the warm-up run goes from the invite to the prompt's due time).
 */
const RealDate = Date;
let offset = Number(process.env.BENCH_NOW_MS ?? RealDate.now()) - RealDate.now();

class BenchDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = BenchDate;
globalThis.benchSetNow = (ms) => {
  offset = ms - RealDate.now();
};
