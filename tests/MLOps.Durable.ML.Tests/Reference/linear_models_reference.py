"""Reference coefficients for the linear trainers, computed with scikit-learn on workflows/data (the datasets the repository carries).

Run from the repository root:  /usr/bin/python3 tests/MLOps.Durable.ML.Tests/Reference/linear_models_reference.py
Writes tests/MLOps.Durable.ML.Tests/Reference/linear_models_expected.json (committed; tests do not need Python).
Features are standardized with the population std (StandardScaler), as the trainers do inside the model.
"""
import json
import os

import numpy as np
import csv
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler

root = os.getcwd()
datasets = os.path.join(root, "workflows", "data")
out = {}


def load(name):
    """Features (every column but the last, standardized) and the last column as the target."""
    with open(os.path.join(datasets, name), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    x = np.array([[float(v) for v in r[:-1]] for r in body])
    return StandardScaler().fit_transform(x), np.array([r[-1] for r in body]), header[-1]


for name in ["breast_cancer.csv", "iris.csv"]:
    x, y, target = load(name)
    # newton-cg converges to the optimum; lbfgs stops on scipy's ftol about 1e-4 away from it.
    model = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-10, max_iter=100000).fit(x, y)
    out[name] = {
        "target": target,
        "classes": [str(c) for c in model.classes_],
        "coefficients": model.coef_.tolist(),
        "intercepts": model.intercept_.tolist(),
        "firstProbabilities": model.predict_proba(x[:5]).tolist(),
    }

x, y, _ = load("diabetes.csv")
y = y.astype(float)
ols = LinearRegression().fit(x, y)
ridge = Ridge(alpha=10.0, tol=1e-12).fit(x, y)
out["diabetes.csv"] = {
    "target": "progression",
    "olsCoefficients": ols.coef_.tolist(),
    "olsIntercept": float(ols.intercept_),
    "ridge10Coefficients": ridge.coef_.tolist(),
    "ridge10Intercept": float(ridge.intercept_),
}

with open(os.path.join(os.path.dirname(__file__), "linear_models_expected.json"), "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
