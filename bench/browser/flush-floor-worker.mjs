// The device's floor for a durable commit: one WAL frame (a 4 KiB page and its 24-byte header)
// written to an OPFS sync access handle and flushed, as a commit at synchronous=FULL does at
// the least. Neither SQLite contender can commit durably faster than this on the same disk.
// Posts {ok: true, value: samplesMs} or {ok: false, message}.
const kFile = "flush-floor";
const kFrameBytes = 4096 + 24;
const kSamples = 200;

async function measure() {
  const root = await navigator.storage.getDirectory();
  const handle = await (await root.getFileHandle(kFile, { create: true })).createSyncAccessHandle();
  const frame = new Uint8Array(kFrameBytes);
  const samples = [];
  try {
    for (let i = 0; i < kSamples; ++i) {
      frame[0] = i;
      const started = performance.now();
      handle.write(frame, { at: i * kFrameBytes });
      handle.flush();
      samples.push(performance.now() - started);
    }
  } finally {
    handle.close();
    await root.removeEntry(kFile);
  }
  return samples;
}

measure().then(
  (samples) => self.postMessage({ ok: true, value: samples }),
  (error) => self.postMessage({ ok: false, message: String(error?.message ?? error) }),
);
