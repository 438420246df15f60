"""Lists the operators of DuckDB JSON profiles (RiskCases.java PROFILE_DIR/ID.json) by time: operator, rows, seconds,
and the first line of its extra info. Usage: python3 profile_summary.py FILE.json [min_seconds]"""
import json
import sys


def walk(node, depth, out):
    name = node.get("operator_type") or node.get("operator_name") or node.get("name", "?")
    info = node.get("extra_info") or {}
    detail = ""
    for key in ("Function", "Table", "Projections", "Conditions", "Filters", "Join Type", "CTE Name", "Aggregates", "Groups"):
        if key in info:
            value = info[key]
            detail += f" {key}={(value if isinstance(value, str) else ' '.join(map(str, value)))[:90]}"
    out.append((node.get("operator_timing", 0.0), node.get("operator_cardinality", 0), depth, name, detail))
    for child in node.get("children", []):
        walk(child, depth + 1, out)


profile = json.load(open(sys.argv[1]))
floor = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
rows = []
walk(profile, 0, rows)
print(f"latency {profile.get('latency', 0):.2f} s, cpu {profile.get('cpu_time', 0):.2f} s")
for timing, card, depth, name, detail in rows:
    if timing >= floor:
        print(f"{'  ' * depth}{name:<18} {card:>10} rows {timing:7.3f} s{detail}")
