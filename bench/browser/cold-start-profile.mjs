// Where a cold start's wasm time goes, from V8's own trace events: one extra cold start per
// wasm contender, traced through the Chrome DevTools Protocol, apart from the timed ones
// (tracing slows it). It answers what the timed cold starts cannot see from JS:
//   how long the module took to arrive, streamed into the compiler;
//   how long validating its functions took, on V8's background threads;
//   how many functions were compiled on first call, on the worker's own thread, and in what
//   time: V8 compiles a function lazily, with its baseline compiler, when it first runs;
//   whether V8 served the module from its code cache, or wrote it there.
const kCategories = [
  "v8.wasm",
  "disabled-by-default-v8.wasm.detailed",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
];
/** bench-page.mjs marks the moment it has the first page; the close after it is not counted. */
export const kFirstPageMark = "bench:first-page";

const milliseconds = (microseconds) => microseconds / 1000;
const sumOfDurations = (events) => milliseconds(events.reduce((total, event) => total + (event.dur ?? 0), 0));

/** Figures of one traced cold start; `events` are its trace events. */
export function coldStartProfileOf(events) {
  const mark = events.find((event) => event.name === kFirstPageMark);
  if (!mark) throw new Error(`the trace holds no ${kFirstPageMark} mark`);
  const named = (name) => events.filter((event) => event.name === name && event.ts <= mark.ts);
  const received = named("wasm.OnBytesReceived");
  const finished = named("wasm.FinishStreaming");
  const streaming =
    received.length && finished.length
      ? milliseconds(Math.max(...finished.map((event) => event.ts)) - Math.min(...received.map((event) => event.ts)))
      : null;
  const baseline = named("wasm.CompileBaseline");
  return {
    streamedMs: streaming,
    validationMs: sumOfDurations(named("wasm.ValidateFunctionsStreaming")),
    lazyFunctions: named("wasm.CompileLazy").length,
    lazyBodyBytes: baseline.reduce((total, event) => total + (event.args?.bodySize ?? 0), 0),
    lazyCompileMs: sumOfDurations(named("wasm.CompileLazy")),
    topTierCompilations: named("wasm.TopTierCompilation").length,
    codeCacheHits: named("v8.wasm.moduleCacheHit").length,
    codeCacheWrites: named("v8.wasm.cachedModule").length,
  };
}

/** Loads `url` (a cold-start bench page) in a new page while tracing; answers its figures. */
export async function profileColdStart(context, url) {
  const page = await context.newPage();
  try {
    const session = await context.newCDPSession(page);
    const events = [];
    session.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const complete = new Promise((resolve) => session.once("Tracing.tracingComplete", resolve));
    await session.send("Tracing.start", {
      traceConfig: { includedCategories: kCategories },
      transferMode: "ReportEvents",
    });
    await page.goto(url);
    await page.waitForFunction(() => window.bench !== undefined);
    const coldStart = await page.evaluate(() => window.bench.coldStart);
    await session.send("Tracing.end");
    await complete;
    return { tracedFromWorkerCreationMs: coldStart.fromWorkerCreationMs, ...coldStartProfileOf(events) };
  } finally {
    await page.close();
  }
}
