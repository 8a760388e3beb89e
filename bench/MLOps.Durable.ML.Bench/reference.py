"""Reference side of the ML benchmark: scikit-learn (and XGBoost when installed) on the same rows and folds.

Usage: /usr/bin/python3 reference.py WORKDIR
WORKDIR holds the CSV files and workloads.json written by the C# bench (folds as row index lists).
Prints one JSON object: {workload: {model: {"metric": value, "fitSeconds": s}}}.
"""
import csv
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

try:
    import xgboost
except ImportError:  # the bench script installs it; report without it otherwise
    xgboost = None

workdir = sys.argv[1]
spec = json.load(open(f"{workdir}/workloads.json"))


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    x = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    y = np.array([r[-1] for r in rows[1:]])
    return x, y


def models(task, synthetic):
    if task == "regression":
        yield "linear", lambda: LinearRegression()
        yield "gbdt", lambda: HistGradientBoostingRegressor(early_stopping=False)
        return
    if not synthetic:
        yield "logistic", lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=10000))
        yield "gbdt", lambda: HistGradientBoostingClassifier(early_stopping=False)
        return
    trees = spec["syntheticTrees"]
    yield "gbdt", lambda: HistGradientBoostingClassifier(max_iter=trees, early_stopping=False)
    if xgboost is not None:
        yield "xgboost", lambda: xgboost.XGBClassifier(
            n_estimators=trees, tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0,
            learning_rate=0.1, max_bin=255, n_jobs=2)


def scoring(model, x):
    """Batched rows/s over every row (best of 3) and single-row predict_proba latency percentiles."""
    batch = min(time_call(lambda: model.predict_proba(x)) for _ in range(3))
    latencies = [time_call(lambda i=i: model.predict_proba(x[i:i + 1])) for i in range(spec["singleRows"])]
    return {
        "batchRowsPerSecond": len(x) / batch,
        "singleRowP50Microseconds": float(np.percentile(latencies, 50) * 1e6),
        "singleRowP99Microseconds": float(np.percentile(latencies, 99) * 1e6),
    }


def time_call(action):
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


out = {}
for workload in spec["workloads"]:
    x, y = load(workload["file"])
    task = workload["task"]
    if task != "regression":
        classes = sorted(set(y))
        y_fit = np.searchsorted(classes, y)
    else:
        y_fit = y.astype(float)
    results = {}
    for name, make in models(task, workload.get("synthetic", False)):
        fold_metrics, fit_seconds = [], 0.0
        for fold in workload["folds"]:
            train, test = np.array(fold["train"]), np.array(fold["test"])
            model = make()
            started = time.perf_counter()
            model.fit(x[train], y_fit[train])
            fit_seconds += time.perf_counter() - started
            if workload["metric"] == "rocAuc":
                fold_metrics.append(roc_auc_score(y_fit[test] == 1, model.predict_proba(x[test])[:, 1]))
            elif workload["metric"] == "accuracy":
                fold_metrics.append(accuracy_score(y_fit[test], model.predict(x[test])))
            else:
                fold_metrics.append(r2_score(y_fit[test], model.predict(x[test])))
        results[name] = {"metric": float(np.mean(fold_metrics)), "fitSeconds": fit_seconds}
        if workload.get("synthetic") and name == "gbdt":
            results[name]["scoring"] = scoring(model, x)
    out[workload["name"]] = results

print(json.dumps(out))
