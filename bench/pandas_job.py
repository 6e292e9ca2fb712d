"""The benchmark job in pandas, the yardstick logframe is measured against.

Usage: python3 bench/pandas_job.py events.csv PHASE_START PHASE_END

Reads the event CSV, checks every row (female + male + other == total, counts whole and not
negative, date within the phase), then sums female/male/other/total by event type x calendar
quarter over the rows dated within the phase. Prints one JSON line with the same shape as the
other jobs: rows, seconds (work only, after imports), checks and sums.
"""
import json
import resource
import sys
import time

import pandas as pd


def main() -> None:
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    t0 = time.perf_counter()
    c0 = time.process_time()
    df = pd.read_csv(
        path,
        usecols=["Date", "Event Type", "Female", "Male", "Other", "Total"],
        dtype={"Event Type": "category"},
    )
    counts = df[["Female", "Male", "Other", "Total"]].fillna(0)
    # Counts: whole numbers, not negative (a non-numeric cell would have made the column object).
    negative = int((counts < 0).to_numpy().sum())
    fractional = int((counts % 1 != 0).to_numpy().sum())
    sex_sum = int((counts["Female"] + counts["Male"] + counts["Other"] != counts["Total"]).sum())
    dates = pd.to_datetime(df["Date"], format="%Y-%m-%d")
    in_phase = (dates >= start) & (dates <= end)
    kept = counts[in_phase].astype("int64")
    kept["type"] = df["Event Type"][in_phase]
    d = dates[in_phase]
    # An integer key (20213 for 2021Q3) groups faster than building a string per row.
    kept["quarter"] = d.dt.year * 10 + d.dt.quarter
    grouped = kept.groupby(["type", "quarter"], observed=True)[["Female", "Male", "Other", "Total"]].sum()
    sums: dict = {}
    for (etype, quarter), row in grouped.iterrows():
        key = f"{quarter // 10}Q{quarter % 10}"
        sums.setdefault(str(etype), {})[key] = [int(row["Female"]), int(row["Male"]), int(row["Other"]), int(row["Total"])]
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "rows": int(len(df)),
        "seconds": seconds,
        "cpuSeconds": time.process_time() - c0,
        "checks": {"sexSum": sex_sum, "outOfPhase": int((~in_phase).sum()), "negative": negative, "fractional": fractional},
        "sums": sums,
        "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


if __name__ == "__main__":
    main()
