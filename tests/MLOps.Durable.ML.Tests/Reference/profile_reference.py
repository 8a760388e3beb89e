"""Reference numbers for DataProfileTests, computed with numpy (run: /usr/bin/python3 profile_reference.py).

The input is the small fixed column used by the tests; the printed values are pasted into the tests.
"""
import numpy as np

x = np.array([3.5, -1.25, 7, 0, 2.75, 10, 4.5, np.nan, 1, 8.25, 6, 1, 10])
present = x[~np.isnan(x)]

print("count", present.size, "missing", int(np.isnan(x).sum()), "distinct", np.unique(present).size)
print("min", repr(present.min()), "max", repr(present.max()))
print("mean", repr(present.mean()))
print("std ddof=1", repr(present.std(ddof=1)))
for p in (5, 25, 50, 75, 95):
    print("p%d" % p, repr(np.percentile(present, p)))  # default method: linear
counts, edges = np.histogram(present, bins=10)
print("edges", [repr(e) for e in edges])
print("counts", counts.tolist())
