#!/usr/bin/env python3
"""For each recording: the samples with an org.pbx frame, by the top-most org.pbx class (its package and class)."""
import json, subprocess, sys, collections
for path in sys.argv[1:]:
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    c = collections.Counter(); launcher = 0; product = 0
    for ev in json.loads(out)["recording"]["events"]:
        names = [(f["method"]["type"]["name"] or "").replace("/", ".") for f in (ev["values"].get("stackTrace") or {}).get("frames", [])]
        pbx = [n for n in names if n.startswith("org.pbx.")]
        if pbx:
            c[pbx[0]] += 1
            if any(not n.startswith("org.pbx.marketplace.host") for n in pbx): product += 1
            else: launcher += 1
    print(f"{path}: launcher-only {launcher}, product code on stack {product}")
    for k, v in c.most_common(12): print(f"   {v:4d} {k}")
