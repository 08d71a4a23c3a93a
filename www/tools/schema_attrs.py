#!/usr/bin/env python3
"""Add `#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]` above the derives of the
types the page's JSON Schema needs (attribute lines only; idempotent).

  schema_attrs.py            edit the working tree
  schema_attrs.py --stage    stage HEAD's version of each file plus only these lines
                             (so other people's uncommitted edits in those files are not staged)
"""
import re, subprocess, sys

ATTR = '#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]'
TYPES = {
    "src/scenario.rs": None,  # every pub type
    "src/report.rs": {"Unit", "MetricDef", "Summary", "Band", "Weekly", "HourProfile",
                      "HourOfWeek", "Results", "InputEffect", "Sensitivity", "Comparison"},
    "src/validate.rs": {"Issue", "Invalid"},
    "src/sim.rs": {"RepOutput"},
}


def add(text, names):
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.startswith("#[derive("):
            j = i
            while j < len(lines) and lines[j].startswith("#["):
                j += 1
            m = re.match(r"pub (struct|enum) (\w+)", lines[j]) if j < len(lines) else None
            if m and (names is None or m.group(2) in names) and (not out or out[-1] != ATTR):
                out.append(ATTR)
        out.append(line)
    return "\n".join(out)


def main():
    stage = "--stage" in sys.argv
    for path, names in TYPES.items():
        if stage:
            head = subprocess.run(["git", "show", f"HEAD:{path}"], capture_output=True,
                                  text=True, check=True).stdout
            new = add(head, names)
            if new == head:
                continue
            blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], input=new,
                                  capture_output=True, text=True, check=True).stdout.strip()
            subprocess.run(["git", "update-index", "--cacheinfo", f"100644,{blob},{path}"],
                           check=True)
        else:
            text = open(path).read()
            new = add(text, names)
            if new != text:
                open(path, "w").write(new)


main()
