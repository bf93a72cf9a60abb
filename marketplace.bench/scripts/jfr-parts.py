#!/usr/bin/env python3
"""Sums a JFR recording's CPU samples (jdk.ExecutionSample): total, and how many have a frame of each
part on the stack (inclusive; a sample may count in several parts). Usage: jfr-parts.py file.jfr... (the bench's -Dbench.host.jvm recordings)"""
import json, subprocess, sys, collections
PARTS = [
    ("JAX-RS whiteboard + CXF", ("org.apache.aries.jax.rs", "org.apache.cxf", "org.apache.aries.component.dsl")),
    ("JAXB", ("javax.xml.bind", "jakarta.xml.bind", "com.sun.xml.bind", "org.glassfish.jaxb")),
    ("Jackson", ("com.fasterxml.jackson",)),
    ("SCR", ("org.apache.felix.scr",)),
    ("SPI Fly / ASM", ("org.apache.aries.spifly", "org.objectweb.asm")),
    ("Felix framework", ("org.apache.felix.framework",)),
    ("Jetty", ("org.eclipse.jetty",)),
    ("Config Admin / Configurator", ("org.apache.felix.cm", "org.apache.felix.configurator")),
    ("Web Console", ("org.apache.felix.webconsole",)),
    ("ours (org.pbx)", ("org.pbx.",)),
    ("class loading / JIT-visible JDK", ("java.lang.ClassLoader", "jdk.internal.loader")),
]
def frames(ev):
    st = ev.get("values", {}).get("stackTrace") or {}
    for f in st.get("frames", []):
        m = f.get("method", {})
        t = m.get("type", {})
        yield (t.get("name") or "").replace("/", ".")
for path in sys.argv[1:]:
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    counts = collections.Counter()
    for ev in events:
        names = list(frames(ev))
        for part, prefixes in PARTS:
            if any(n.startswith(prefixes) for n in names):
                counts[part] += 1
    print(f"{path}: {len(events)} samples")
    for part, _ in PARTS:
        print(f"  {part:34s} {counts[part]}")
