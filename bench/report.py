#!/usr/bin/env python3
"""Prints the benchmark table from bench/run.sh's results.

python3 bench/report.py bench/out/results.tsv [bench/out] [SIZE...]

For each corpus size and tool: the median wall time of the timed runs, their min–max, the peak RSS
(the largest of the runs), ratios of the median time to Hugo's and to the cmark-gfm floor's (below 1
is faster than the reference) and of the peak memory to Hugo's, and the median CPU time. With the output folder,
also prints Mosaic's per-stage timings of the warm-up (--verbose) build of each size.
"""
import csv
import pathlib
import statistics
import sys

TOOLS = {"mosaic": "Mosaic", "hugo": "Hugo", "cmark": "cmark-gfm floor", "incremental": "Mosaic, one edit"}


def label(size):
    size = int(size)
    for factor, suffix in ((1_000_000, "m"), (1000, "k")):
        if size % factor == 0:
            return f"{size // factor}{suffix}"
    return str(size)


def main(arguments):
    if not arguments:
        sys.exit(__doc__)
    results = pathlib.Path(arguments[0])
    out = pathlib.Path(arguments[1]) if len(arguments) > 1 else results.parent
    runs = {}
    with results.open(newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            cpu = float(row["user_s"]) + float(row["sys_s"]) if row.get("user_s") else None
            runs.setdefault((int(row["size"]), row["tool"]), []).append((float(row["seconds"]), int(row["peak_kb"]), cpu))
    sizes = sorted({size for size, _ in runs})
    if len(arguments) > 2:
        sizes = [int(size) for size in arguments[2:] if any(key[0] == int(size) for key in runs)]

    def stats(size, tool):
        values = runs.get((size, tool))
        if not values:
            return None
        seconds = [s for s, _, _ in values]
        cpu = [c for _, _, c in values if c is not None]
        return {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds),
                "peak_mb": max(kb for _, kb, _ in values) / 1024, "n": len(values),
                "cpu": statistics.median(cpu) if cpu else None}

    header = ["documents", "tool", "median s", "min–max s", "peak MB", "time vs Hugo", "time vs cmark floor",
              "memory vs Hugo", "CPU s", "runs"]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    for size in sizes:
        hugo, floor = stats(size, "hugo"), stats(size, "cmark")
        for tool, name in TOOLS.items():
            row = stats(size, tool)
            if row is None:
                continue
            ratio = lambda reference, key: f"{row[key] / reference[key]:.2f}×" if reference and reference[key] else "–"
            lines.append("| " + " | ".join([
                f"{size:,}", name, f"{row['median']:.2f}", f"{row['min']:.2f}–{row['max']:.2f}", f"{row['peak_mb']:.0f}",
                ratio(hugo, "median"), ratio(floor, "median"), ratio(hugo, "peak_mb"),
                f"{row['cpu']:.1f}" if row["cpu"] is not None else "–", str(row["n"]),
            ]) + " |")
    print("\n".join(lines))
    print()
    print("time vs X = median seconds / X's median seconds (0.10× = ten times faster than X);")
    print("memory vs Hugo = peak RSS / Hugo's peak RSS. Targets at 10k documents: time vs Hugo ≤ 0.10×,")
    print("time vs cmark floor ≤ 2.5×, memory vs Hugo ≤ 0.25×. CPU s = median user+system CPU seconds")
    print("(less sensitive than wall time to other load on the machine; above the wall time = parallel).")
    for size in sizes:
        full, incremental = stats(size, "mosaic"), stats(size, "incremental")
        if not (full and incremental):
            continue
        checks = out / f"incremental-{label(size)}.txt"
        verdicts = [line.split("\t")[1] for line in checks.read_text().splitlines()] if checks.exists() else []
        same = "identical to a clean build every time" if verdicts and all(v == "identical" for v in verdicts) \
            else f"NOT identical to a clean build ({verdicts.count('DIFFERENT')} of {len(verdicts)})"
        print(f"Incremental, {size:,} documents: one document edited, median {incremental['median']:.2f} s = "
              f"{incremental['median'] / full['median']:.1%} of the full build's median (target < 10%); output {same}.")
    machine = out / "machine.txt"
    if machine.exists():
        for line in machine.read_text().splitlines():
            if line.startswith("load average"):
                print(line)
    for size in sizes:
        stages = out / f"stages-{label(size)}.txt"
        if stages.exists():
            print()
            print(f"Mosaic stages, {size:,} documents (warm-up build with --verbose):")
            print(stages.read_text().rstrip())
        stages = out / f"stages-incremental-{label(size)}.txt"
        if stages.exists():
            print()
            print(f"Mosaic stages, {size:,} documents, incremental build after one edit (last run):")
            print(stages.read_text().rstrip())


if __name__ == "__main__":
    main(sys.argv[1:])
