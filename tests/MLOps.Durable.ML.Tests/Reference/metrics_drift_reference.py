"""Reference values for MLOps.Durable.ML metrics and drift tests.

Run with a Python that has scikit-learn and SciPy (e.g. /usr/bin/python3 on Debian/Ubuntu with
python3-sklearn and python3-scipy):

    /usr/bin/python3 metrics_drift_reference.py > metrics_drift_reference.json

Large samples are not stored; they are described by a generator spec that the C# tests replay
(SampleGenerator.cs): a 64-bit LCG whose outputs are exact doubles, so both sides see identical data.
Drift statistics follow Evidently's documented definitions, computed here with SciPy.
"""
import json
import math
import sys

import numpy as np
import scipy
import sklearn
from scipy import stats
from scipy.spatial import distance
from sklearn import metrics

MASK = (1 << 64) - 1


def generate(spec):
    """Sum of four LCG uniforms (approximately normal), scaled, shifted, optionally floored to a grid."""
    state = spec["seed"] & MASK
    out = []
    for _ in range(spec["count"]):
        total = 0.0
        for _ in range(4):
            state = (state * 6364136223846793005 + 1442695040888963407) & MASK
            total += (state >> 11) / 9007199254740992.0
        value = (total - 2.0) * spec["scale"] + spec["shift"]
        if spec.get("grid", 0) > 0:
            value = math.floor(value / spec["grid"]) * spec["grid"]
        out.append(value)
    return out


def generate_labels(spec):
    """Labels drawn from spec['labels'] with cumulative weights spec['cumulative'] (LCG uniforms)."""
    state = spec["seed"] & MASK
    out = []
    for _ in range(spec["count"]):
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        u = (state >> 11) / 9007199254740992.0
        for label, edge in zip(spec["labels"], spec["cumulative"]):
            if u < edge:
                out.append(label)
                break
    return out


# ---------------------------------------------------------------- metrics

def classification_case(name, actual, proba):
    proba = np.asarray(proba, dtype=float)
    k = proba.shape[1]
    labels = list(range(k))
    predicted = np.argmax(proba, axis=1)
    p, r, f, s = metrics.precision_recall_fscore_support(actual, predicted, labels=labels, zero_division=0)
    present = len(set(actual)) == k
    if k == 2:
        roc = metrics.roc_auc_score(actual, proba[:, 1]) if present else None
        pr = metrics.average_precision_score(actual, proba[:, 1]) if present else None
    else:
        roc = metrics.roc_auc_score(actual, proba, multi_class="ovr", average="macro", labels=labels) if present else None
        onehot = np.eye(k)[actual]
        pr = metrics.average_precision_score(onehot, proba, average="macro") if present else None
    return {
        "name": name,
        "classCount": k,
        "actual": list(map(int, actual)),
        "probabilities": proba.ravel().tolist(),
        "accuracy": metrics.accuracy_score(actual, predicted),
        "macroPrecision": float(np.mean(p)),
        "macroRecall": float(np.mean(r)),
        "macroF1": float(np.mean(f)),
        "precision": p.tolist(),
        "recall": r.tolist(),
        "f1": f.tolist(),
        "support": [int(x) for x in s],
        "rocAuc": roc,
        "prAuc": pr,
        "logLoss": metrics.log_loss(actual, proba, labels=labels),
        "confusionMatrix": metrics.confusion_matrix(actual, predicted, labels=labels).tolist(),
    }


def binary(p1):
    return [[1 - p, p] for p in p1]


def regression_case(name, actual, predicted):
    return {
        "name": name,
        "actual": actual,
        "predicted": predicted,
        "rmse": math.sqrt(metrics.mean_squared_error(actual, predicted)),
        "mae": metrics.mean_absolute_error(actual, predicted),
        "r2": metrics.r2_score(actual, predicted),
    }


def metrics_cases():
    classification = [
        classification_case(
            "binary-ties",
            [0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
            binary([0.1, 0.4, 0.4, 0.4, 0.8, 0.8, 0.35, 0.9, 0.2, 0.5, 0.5, 0.5])),
        classification_case(
            "multiclass-3",
            [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 1, 1, 0, 2, 0],
            [[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.3, 0.3, 0.4], [0.4, 0.4, 0.2],
             [0.5, 0.25, 0.25], [0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.3, 0.4, 0.3], [0.25, 0.25, 0.5],
             [0.6, 0.3, 0.1], [0.2, 0.6, 0.2], [0.34, 0.33, 0.33], [0.1, 0.1, 0.8], [0.2, 0.2, 0.6]]),
        classification_case(
            "imbalanced",
            [0] * 17 + [1] * 3,
            binary([0.05, 0.1, 0.2, 0.15, 0.3, 0.05, 0.6, 0.1, 0.2, 0.25,
                    0.1, 0.05, 0.4, 0.1, 0.2, 0.3, 0.1, 0.55, 0.2, 0.9])),
        classification_case("perfect", [0, 1, 0, 1, 1, 0], binary([0.0, 1.0, 0.1, 0.9, 0.8, 0.2])),
        classification_case("worst", [0, 1, 0, 1, 1, 0], binary([1.0, 0.0, 0.9, 0.1, 0.2, 0.8])),
        classification_case(
            "multiclass-argmax-ties",
            [0, 1, 2, 1, 0, 2],
            [[0.4, 0.4, 0.2], [0.3, 0.35, 0.35], [0.2, 0.2, 0.6], [0.5, 0.25, 0.25],
             [1 / 3, 1 / 3, 1 / 3], [0.1, 0.45, 0.45]]),
    ]
    regression = [
        regression_case("regression", [3.0, -0.5, 2.0, 7.0, 4.2, 1.1, 0.0, 5.5],
                        [2.5, 0.0, 2.0, 8.0, 3.9, 1.0, -0.3, 6.1]),
        regression_case("constant-actual", [2.0, 2.0, 2.0], [2.0, 2.5, 1.5]),
    ]
    return classification, regression


# ---------------------------------------------------------------- drift (Evidently definitions)

def ks(a, b):
    r = stats.ks_2samp(a, b)
    return float(r.statistic), float(r.pvalue)


def chi(ref, cur):
    keys = sorted(set(ref) | set(cur))
    if len(keys) < 2:
        # SciPy gives NaN (zero degrees of freedom); stored as null, the C# side documents p = 1.
        return None, None
    k_norm = len(cur) / len(ref)
    f_exp = [ref.count(k) * k_norm for k in keys]
    f_obs = [cur.count(k) for k in keys]
    r = stats.chisquare(f_obs, f_exp)
    return float(r.statistic), float(r.pvalue)


def z(ref, cur):
    if len(set(ref)) == 1 and len(set(cur)) == 1 and ref[0] == cur[0]:
        return 0.0, 1.0
    first = sorted(set(ref) | set(cur))[0]
    a = [0 if x == first else 1 for x in ref]
    b = [0 if x == first else 1 for x in cur]
    n1, n2 = len(a), len(b)
    p1, p2 = sum(a) / n1, sum(b) / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    stat = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(stat), float(2 * (1 - stats.norm.cdf(abs(stat))))


def wasserstein(ref, cur):
    return float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001))


def binned(ref, cur, numeric):
    ref_s, cur_s = np.asarray(ref), np.asarray(cur)
    if numeric and len(set(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref_s, cur_s]), bins="sturges")
        return np.histogram(ref_s, edges)[0] / len(ref), np.histogram(cur_s, edges)[0] / len(cur)
    keys = sorted(set(ref) | set(cur))
    return (np.array([ref.count(k) / len(ref) for k in keys]),
            np.array([cur.count(k) / len(cur) for k in keys]))


def js(ref, cur, numeric):
    r, c = binned(ref, cur, numeric)
    return float(distance.jensenshannon(r, c))


def psi(ref, cur, numeric):
    r, c = binned(ref, cur, numeric)
    for arr in (r, c):
        smallest = min(arr[arr != 0])
        np.place(arr, arr == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return float(np.sum((r - c) * np.log(r / c)))


def sample(spec_or_values):
    return generate(spec_or_values) if isinstance(spec_or_values, dict) else list(spec_or_values)


def numeric_case(name, ref, cur):
    a, b = sample(ref), sample(cur)
    stat, p = ks(a, b)
    return {"name": name, "reference": ref, "current": cur, "ksStatistic": stat, "ksPValue": p,
            "exact": max(len(a), len(b)) <= 10000,
            "wasserstein": wasserstein(a, b), "jensenShannon": js(a, b, True), "psi": psi(a, b, True)}


def categorical_case(name, ref, cur):
    c_stat, c_p = chi(ref, cur)
    z_stat, z_p = z(ref, cur)
    return {"name": name, "reference": ref, "current": cur, "chiSquare": c_stat, "chiSquarePValue": c_p,
            "z": z_stat, "zPValue": z_p, "jensenShannon": js(ref, cur, False), "psi": psi(ref, cur, False)}


def gen(seed, count, scale=1.0, shift=0.0, grid=0.0):
    return {"seed": seed, "count": count, "scale": scale, "shift": shift, "grid": grid}


def drift_cases():
    numeric = [
        numeric_case("equal-sizes", [0.61, 1.2, -0.3, 2.4, 0.05, 1.7, -1.1, 0.9],
                     [1.5, 2.2, 0.8, 3.1, 1.9, 0.2, 2.8, 1.4]),
        numeric_case("unequal-sizes", [0.3, -0.2, 1.1, 0.7, -1.4, 0.0, 2.0],
                     [0.9, 1.8, -0.5, 2.5, 1.2, 0.4, 3.0, 1.6, 2.2, 0.1, 1.0]),
        numeric_case("ties", [1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [2, 3, 3, 4, 4, 5, 5, 5, 6, 7, 7, 8]),
        numeric_case("medium-exact", gen(11, 300), gen(12, 450, 1.0, 0.08)),
        numeric_case("medium-grid-ties", gen(13, 800, 2.0, 0.0, 0.25), gen(14, 600, 2.0, 0.1, 0.25)),
        numeric_case("large-asymp-pelzgood", gen(21, 12000), gen(22, 11000, 1.0, 0.012)),
        numeric_case("large-asymp-smirnov", gen(23, 12000), gen(24, 11000, 1.0, 0.04)),
        numeric_case("large-asymp-durbin", gen(25, 12000), gen(25, 10500, 1.0, 0.003)),
        numeric_case("large-asymp-small-n-smirnov", gen(26, 15000), gen(27, 60, 1.0, 0.3)),
        numeric_case("large-asymp-small-n-durbin", gen(26, 15000), gen(27, 60, 1.0, 0.05)),
    ]
    categorical = [
        categorical_case("three-categories", list("aaabbbbccc") * 3, list("aabbbbbccccc") * 2),
        categorical_case("new-category", list("aabbcc"), list("abccdd")),
        categorical_case("two-values", ["no"] * 40 + ["yes"] * 20, ["no"] * 25 + ["yes"] * 25),
        categorical_case("same-single-value", ["x"] * 5, ["x"] * 7),
    ]
    return numeric, categorical


# ---------------------------------------------------------------- chooser on frames

def evidently_column(ref, cur, kind):
    """Evidently's default choice and verdict for one column of present values."""
    n_values = len(set(ref) | set(cur))
    numeric = kind == "numeric"
    categorical = not numeric or n_values <= 5
    if len(ref) <= 1000:
        if not categorical:
            method = "kolmogorovSmirnov"
        else:
            method = "zTest" if n_values <= 2 else "chiSquare"
    else:
        method = "jensenShannon" if categorical else "wasserstein"
    if method == "kolmogorovSmirnov":
        stat, p = ks(ref, cur)
    elif method == "chiSquare":
        stat, p = chi(ref, cur)
    elif method == "zTest":
        stat, p = z(ref, cur)
    elif method == "wasserstein":
        stat, p = wasserstein(ref, cur), None
    else:
        stat, p = js(ref, cur, numeric), None
    drifted = (p < 0.05) if p is not None else (stat >= 0.1)
    return {"method": method, "statistic": stat, "pValue": p, "drifted": bool(drifted),
            "referenceCount": len(ref), "currentCount": len(cur)}


def frame_case(name, columns):
    expected = []
    for column in columns:
        ref = column["referenceValues"]
        cur = column["currentValues"]
        present_ref = [v for v in ref if v is not None]
        present_cur = [v for v in cur if v is not None]
        result = evidently_column(present_ref, present_cur, column["kind"])
        result["name"] = column["name"]
        result["referenceMissing"] = len(ref) - len(present_ref)
        result["currentMissing"] = len(cur) - len(present_cur)
        expected.append(result)
    drifted = sum(1 for e in expected if e["drifted"])
    return {"name": name, "columns": columns, "expected": expected,
            "driftedColumnCount": drifted, "datasetDrift": drifted / len(expected) >= 0.5}


def column(name, kind, ref, cur, ref_spec=None, cur_spec=None):
    entry = {"name": name, "kind": kind, "referenceValues": ref, "currentValues": cur}
    if ref_spec is not None:
        entry["referenceSpec"], entry["currentSpec"] = ref_spec, cur_spec
    return entry


def frames():
    small = frame_case("small-frame", [
        column("age", "numeric",
               [23, 35, 41, None, 52, 29, 33, 47, 38, 61, 27, 44],
               [31, 45, 52, 60, None, None, 39, 58, 49, 66]),
        column("rooms", "numeric", [1, 2, 2, 3, 1, 2, 3, 3, 2, 1, 2, 2], [3, 3, 2, 3, 3, 1, 3, 3, 2, 3]),
        column("flag", "numeric", [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0], [1, 1, 0, 1, 1, 1, 0, 1, 1, 1]),
        column("city", "categorical",
               ["berlin", "paris", "rome", "paris", "berlin", None, "madrid", "rome", "paris", "berlin", "rome", "paris"],
               ["paris", "paris", "rome", "paris", "madrid", "paris", "berlin", "paris", "rome", "paris"]),
        column("active", "boolean",
               [True, False, True, True, False, True, None, True, False, True, True, False],
               [True, True, True, False, True, True, True, True, False, True]),
    ])
    r_num, c_num = gen(31, 1500, 1.0, 0.0), gen(32, 1200, 1.0, 0.25)
    r_lab = {"seed": 33, "count": 1500, "labels": ["a", "b", "c", "d"], "cumulative": [0.4, 0.7, 0.9, 1.0]}
    c_lab = {"seed": 34, "count": 1200, "labels": ["a", "b", "c", "d"], "cumulative": [0.3, 0.6, 0.9, 1.0]}
    r_grid, c_grid = gen(35, 1500, 0.5, 2.0, 1.0), gen(36, 1200, 0.5, 2.0, 1.0)
    r_same, c_same = gen(37, 1500, 3.0, 10.0), gen(38, 1200, 3.0, 10.0)
    large = frame_case("large-frame", [
        column("income", "numeric", generate(r_num), generate(c_num), r_num, c_num),
        column("segment", "categorical", generate_labels(r_lab), generate_labels(c_lab), r_lab, c_lab),
        column("level", "numeric", generate(r_grid), generate(c_grid), r_grid, c_grid),
        column("score", "numeric", generate(r_same), generate(c_same), r_same, c_same),
    ])
    for col in large["columns"]:
        # Values come from the specs; do not store them.
        del col["referenceValues"], col["currentValues"]
    return [small, large]


def finite_or_text(value):
    """JSON has no infinity or NaN: write them as the strings System.Text.Json reads back as doubles."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: finite_or_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_or_text(v) for v in value]
    return value


def special_functions():
    chi2 = [{"x": x, "dof": k, "sf": float(stats.chi2.sf(x, k))}
            for x, k in [(0.5, 1), (3.84, 1), (10.8, 2), (2.83, 3), (25.0, 4), (120.0, 30), (1e-3, 5)]]
    normal = [{"z": z, "twoSided": float(2 * stats.norm.sf(abs(z)))} for z in [0.0, 0.5, 1.96, -2.5, 4.0, 7.5]]
    kolmogorov = [{"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))}
                  for n, x in [(5, 0.15), (5, 0.9), (10, 0.2), (30, 0.1), (30, 0.3), (100, 0.05), (140, 0.2),
                               (500, 0.02), (500, 0.05), (500, 0.1), (2000, 0.01), (2000, 0.04), (6000, 0.003)]]
    return {"chiSquare": chi2, "normal": normal, "kolmogorov": kolmogorov}


def main():
    classification, regression = metrics_cases()
    numeric, categorical = drift_cases()
    json.dump(finite_or_text({
        "generator": f"metrics_drift_reference.py with scikit-learn {sklearn.__version__}, SciPy {scipy.__version__}, NumPy {np.__version__}",
        "classification": classification,
        "regression": regression,
        "numericDrift": numeric,
        "categoricalDrift": categorical,
        "frames": frames(),
        "specialFunctions": special_functions(),
    }), sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
