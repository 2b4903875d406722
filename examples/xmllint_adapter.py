#!/usr/bin/env python3
"""Example `mile check --adapter` adapter: judges RID messages with xmllint and the official XSDs.

Protocol (docs/adapter.md): one JSON object per line on stdin, one answer per line on stdout.
  {"op":"hello","protocol":"mile-adapter/1"} -> {"name":..,"version":..,"operations":[..],"produces":[..]}
  {"op":"validate","name":..,"kind":"rid","document":"<xml>"} -> {"valid":bool,"messages":[..]}
  {"op":"produce","kind":"rid","msg_type":"Query"} -> {"document":"<xml>"} or {"unsupported":true}
  {"op":"stop"} -> {"ok":true}, then exit

Usage: mile check --adapter 'python3 examples/xmllint_adapter.py --schemas ../shared/spec'
The schema directory holds iodef-rid-2.0.xsd, the schemas it imports and catalog.xml (offline).
xmllint checks the XSD only, so it accepts documents that break RFC 6545 prose rules: the harness
reports each of those as a finding, which is what it is for.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def validate(schemas, document):
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas, "catalog.xml"))
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as f:
        f.write(document)
        path = f.name
    try:
        p = subprocess.run(
            ["xmllint", "--nonet", "--noout", "--schema", os.path.join(schemas, "iodef-rid-2.0.xsd"), path],
            capture_output=True, text=True, env=env, timeout=30,
        )
    finally:
        os.unlink(path)
    lines = [l.replace(path, "document") for l in p.stderr.splitlines() if l.strip() and not l.endswith(" validates")]
    return p.returncode == 0, lines[:5]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemas", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "spec"))
    args = ap.parse_args()
    for line in sys.stdin:
        try:
            req = json.loads(line)
        except ValueError as e:
            print(json.dumps({"error": f"not JSON: {e}"}), flush=True)
            continue
        op = req.get("op")
        if op == "hello":
            out = {"name": "xmllint", "version": "example", "operations": ["validate"], "produces": []}
        elif op == "validate":
            valid, messages = validate(args.schemas, req.get("document", ""))
            out = {"valid": valid, "messages": messages}
        elif op == "produce":
            out = {"unsupported": True}
        elif op == "stop":
            print(json.dumps({"ok": True}), flush=True)
            return
        else:
            out = {"error": f"unknown op {op!r}"}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
