#!/usr/bin/env python3
"""Example `mile check --adapter` adapter: judges RID and IODEF documents with xmllint and the official XSDs.

Protocol (docs/adapter.md): one JSON object per line on stdin, one answer per line on stdout.
  {"op":"hello","protocol":"mile-adapter/1"}
      -> {"name":..,"version":..,"operations":[..],"produces":[..],"validates":"xsd"}
  {"op":"validate","corpus":..,"name":..,"kind":"rid"|"iodef-2.0"|"iodef-1.0","extension":..,
   "document":"<xml>","document_base64":".."} -> {"valid":bool,"messages":[..]}
  {"op":"produce","kind":"rid","msg_type":"Query"} -> {"document":"<xml>"} or {"unsupported":true}
  {"op":"stop"} -> {"ok":true}, then exit

Usage: mile check --adapter 'python3 examples/xmllint_adapter.py --schemas ../shared/spec'
The schema directory holds iodef-rid-2.0.xsd, iodef-2.0.xsd, iodef-1.0.xsd, the extension schemas
(iodef-phish-1.0.xsd, thraud-1.0.xsd, iodef-sci-1.0.xsd, each importing IODEF 1.0, so an IODEF 1.0
document using the extension is validated with the extension's schema), the schemas they import and
catalog.xml (offline). xmllint checks the XSD only, and says so in its hello ("validates":"xsd"): the
harness then reports the invalid documents whose rule is RFC prose the XSD cannot express as a known
XSD limitation, not as a failure.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile


SCHEMAS = {"rid": "iodef-rid-2.0.xsd", "iodef-2.0": "iodef-2.0.xsd", "iodef-1.0": "iodef-1.0.xsd"}
EXTENSIONS = {"iodef-phish-1.0": "iodef-phish-1.0.xsd", "thraud-1.0": "thraud-1.0.xsd", "iodef-sci-1.0": "iodef-sci-1.0.xsd"}


def schema_for(req):
    """The XSD for a request: the extension's schema for an IODEF 1.0 document using one, else the kind's."""
    ext = req.get("extension")
    if ext:
        if ext not in EXTENSIONS:
            raise ValueError(f"no schema for the extension {ext!r}")
        return EXTENSIONS[ext]
    kind = req.get("kind", "rid")
    if kind not in SCHEMAS:
        raise ValueError(f"no schema for the kind {kind!r}")
    return SCHEMAS[kind]


def validate(schemas, schema, req):
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas, "catalog.xml"))
    # The exact bytes when the document is not UTF-8 (document_base64), else the text.
    raw = base64.b64decode(req["document_base64"]) if "document_base64" in req else req.get("document", "").encode("utf-8")
    with tempfile.NamedTemporaryFile("wb", suffix=".xml", delete=False) as f:
        f.write(raw)
        path = f.name
    try:
        p = subprocess.run(
            ["xmllint", "--nonet", "--noout", "--schema", os.path.join(schemas, schema), path],
            capture_output=True, env=env, timeout=30,
        )
    finally:
        os.unlink(path)
    stderr = p.stderr.decode("utf-8", errors="replace")  # xmllint may echo the document's bytes
    lines = [l.replace(path, "document") for l in stderr.splitlines() if l.strip() and not l.endswith(" validates")]
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
            out = {"name": "xmllint", "version": "example", "operations": ["validate"], "produces": [], "validates": "xsd"}
        elif op == "validate":
            try:
                valid, messages = validate(args.schemas, schema_for(req), req)
                out = {"valid": valid, "messages": messages}
            except ValueError as e:
                out = {"error": str(e)}
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
