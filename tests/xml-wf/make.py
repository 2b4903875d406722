#!/usr/bin/env python3
"""Generate the XML well-formedness corpus in tests/xml-wf/{bad,good}/.

Every file of the corpus is (re)created from the tables below, byte for byte,
so the corpus is reproducible:

    python3 tests/xml-wf/make.py            # rewrite bad/ and good/
    python3 tests/xml-wf/make.py --check    # exit 1 if a file on disk differs
                                            # or EXPECTED.md is out of sync

Files are numbered in table order (NNN-short-name.xml).  Each case carries its
verdict, the constraint it exercises and a one-line note; EXPECTED.md is the
human-readable table of the same data plus what the oracles (xmllint,
roxmltree) said about each file.

Verdicts:
  well-formed  the document is well-formed XML 1.0 (5th ed.) and
               namespace-well-formed (Namespaces in XML 1.0, 3rd ed.), and
               the reader accepts it.
  malformed    violates XML 1.0 or Namespaces in XML 1.0; every conforming
               processor must reject it (fatal error).
  refused      well-formed per the specs, but the reader's policy refuses
               it (any DOCTYPE; non-UTF-8 input other than a UTF-16
               document with BOM and encoding declaration).

Every bad document has exactly one defect; everything else in it is the
plain document  <?xml version="1.0" encoding="UTF-8"?>
                <doc xmlns="urn:example:t">...</doc>
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = 'urn:example:t'
ROOT_OPEN = '<doc xmlns="%s">' % NS
ROOT_EMPTY = '<doc xmlns="%s"/>' % NS
XML_NS = 'http://www.w3.org/XML/1998/namespace'
XMLNS_NS = 'http://www.w3.org/2000/xmlns/'


def doc(inner, decl=DECL, root_attrs=''):
    """The plain document with `inner` as the content of the root."""
    return '%s<doc xmlns="%s"%s>%s</doc>\n' % (decl, NS, root_attrs, inner)


def b(s):
    """UTF-8 bytes of a str (bytes pass through)."""
    return s if isinstance(s, bytes) else s.encode('utf-8')


# 64 random bytes, drawn once and frozen here so the file never changes.
RANDOM64 = bytes.fromhex(
    '00cb167b880092d90462d59a81c8605ffe317831937de368386df109d012b974'
    '85922e6d96a7d9574c5d54aa86dbe1d8326828470e49a9ee8139ad1a2a4b1516')

BILLION_LAUGHS = (
    DECL
    + '<!DOCTYPE doc [\n'
    + '  <!ENTITY lol0 "lol">\n'
    + ''.join('  <!ENTITY lol%d "%s">\n' % (i, ('&lol%d;' % (i - 1)) * 10)
              for i in range(1, 10))
    + ']>\n'
    + '<doc xmlns="%s">&lol9;</doc>\n' % NS)

X = 'XML 1.0'
N = 'NS 1.0'
ENC = 'XML 1.0 §4.3.3 Character Encoding in Entities'
POLICY_DTD = 'policy: no DOCTYPE (XML 1.0 §2.8 [28] doctypedecl)'
POLICY_ENC = 'policy: UTF-8, or UTF-16 with BOM + encoding decl'

# (short-name, content (str => UTF-8, or bytes), verdict, constraint, note)
BAD = [
    # --- document structure -------------------------------------------------
    ('empty', b'', 'malformed', X + ' §2.1 [1] document',
     'zero bytes: no root element'),
    ('only-whitespace', ' \n\t\r\n', 'malformed', X + ' §2.1 [1] document',
     'whitespace only: no root element'),
    ('only-xml-decl', DECL, 'malformed', X + ' §2.1 [1] document',
     'XML declaration and nothing else'),
    ('only-comment', DECL + '<!-- no root here -->\n', 'malformed',
     X + ' §2.1 [1] document', 'prolog Misc but no root element'),
    ('text-before-root', DECL + 'hello\n' + ROOT_OPEN + 'x</doc>\n',
     'malformed', X + ' §2.8 [22] prolog / [27] Misc',
     'character data is not allowed in the prolog'),
    ('text-after-root', doc('x') + 'trailing text\n', 'malformed',
     X + ' §2.1 [1] document / [27] Misc',
     'character data is not allowed after the root element'),
    ('two-roots', DECL + ROOT_EMPTY + '\n' + ROOT_EMPTY + '\n', 'malformed',
     X + ' §2.1 [1] document', 'exactly one root element is allowed'),
    ('unclosed-root', DECL + ROOT_OPEN + '\n  <item>x</item>\n', 'malformed',
     X + ' §3 [39] element', 'EOF before the end tag of the root'),
    ('unclosed-child', doc('<item>x'), 'malformed',
     X + ' §3 [39] element, WFC: Element Type Match',
     '<item> never closed; </doc> arrives while <item> is open'),
    ('mismatched-end-tag', doc('<item>x</itme>'), 'malformed',
     X + ' §3 WFC: Element Type Match', '<item> closed by </itme>'),
    ('end-tag-other-prefix-same-ns',
     DECL + '<doc xmlns="urn:example:t" xmlns:p="urn:example:t" '
     'xmlns:q="urn:example:t"><p:item>x</q:item></doc>\n', 'malformed',
     X + ' §3 WFC: Element Type Match',
     'end tag must repeat the start tag Name literally; same expanded name '
     'is not enough'),
    ('stray-end-tag', doc('text</item>more'), 'malformed',
     X + ' §3 WFC: Element Type Match',
     'end tag </item> without a matching start tag'),
    # --- attribute values and references ------------------------------------
    ('lt-in-attribute', doc('<item a="x<y"/>'), 'malformed',
     X + ' §3.1 WFC: No < in Attribute Values', 'raw < in an attribute value'),
    ('amp-alone-in-text', doc('fish & chips'), 'malformed',
     X + ' §2.4 [14] CharData / §4.1 [67] Reference',
     'a bare & must start a reference'),
    ('amp-alone-in-attribute', doc('<item a="fish & chips"/>'), 'malformed',
     X + ' §2.3 [10] AttValue / §4.1 [67] Reference',
     'a bare & in an attribute value'),
    ('unterminated-entity-ref', doc('a &amp b'), 'malformed',
     X + ' §4.1 [68] EntityRef', '&amp without the closing ;'),
    ('unterminated-entity-ref-attr', doc('<item a="&lt"/>'), 'malformed',
     X + ' §4.1 [68] EntityRef', '&lt without ; in an attribute value'),
    ('undefined-entity-in-text', doc('&foo;'), 'malformed',
     X + ' §4.1 WFC: Entity Declared',
     'no DTD, so only the five predefined entities exist'),
    ('undefined-entity-in-attribute', doc('<item a="&foo;"/>'), 'malformed',
     X + ' §4.1 WFC: Entity Declared', 'undeclared entity in attribute value'),
    ('undefined-entity-nbsp', doc('a&nbsp;b'), 'malformed',
     X + ' §4.1 WFC: Entity Declared',
     'HTML entity names are not predefined in XML'),
    ('charref-0', doc('&#0;'), 'malformed', X + ' §4.1 WFC: Legal Character',
     'U+0000 is not a Char'),
    ('charref-1', doc('&#1;'), 'malformed', X + ' §4.1 WFC: Legal Character',
     'U+0001 is not a Char in XML 1.0 (only in 1.1)'),
    ('charref-xfffe', doc('&#xFFFE;'), 'malformed',
     X + ' §4.1 WFC: Legal Character', 'U+FFFE is excluded from Char'),
    ('charref-xffff', doc('&#xFFFF;'), 'malformed',
     X + ' §4.1 WFC: Legal Character', 'U+FFFF is excluded from Char'),
    ('charref-xd800', doc('&#xD800;'), 'malformed',
     X + ' §4.1 WFC: Legal Character', 'surrogate code point is not a Char'),
    ('charref-x110000', doc('&#x110000;'), 'malformed',
     X + ' §4.1 WFC: Legal Character', 'beyond U+10FFFF'),
    ('charref-empty-decimal', doc('&#;'), 'malformed', X + ' §4.1 [66] CharRef',
     'no digits'),
    ('charref-empty-hex', doc('&#x;'), 'malformed', X + ' §4.1 [66] CharRef',
     'no hex digits'),
    ('charref-bad-decimal-digit', doc('&#12a;'), 'malformed',
     X + ' §4.1 [66] CharRef', 'a is not a decimal digit'),
    ('charref-uppercase-x', doc('&#X41;'), 'malformed', X + ' §4.1 [66] CharRef',
     "hex char refs use a lower-case 'x' only"),
    ('charref-unterminated', doc('&#x41 b'), 'malformed',
     X + ' §4.1 [66] CharRef', 'char ref without the closing ;'),
    # --- raw characters outside Char ----------------------------------------
    ('raw-u0001-in-text', doc('a\x01b'), 'malformed', X + ' §2.2 [2] Char',
     'raw control character U+0001 in content'),
    ('raw-u001f-in-text', doc('a\x1fb'), 'malformed', X + ' §2.2 [2] Char',
     'raw control character U+001F in content'),
    ('raw-ufffe-in-text', doc('a\ufffeb'), 'malformed', X + ' §2.2 [2] Char',
     'U+FFFE (bytes EF BF BE) in content'),
    ('raw-uffff-in-text', doc('a\uffffb'), 'malformed', X + ' §2.2 [2] Char',
     'U+FFFF (bytes EF BF BF) in content'),
    ('raw-u0001-in-attribute', doc('<item a="a\x01b"/>'), 'malformed',
     X + ' §2.2 [2] Char', 'raw U+0001 in an attribute value'),
    ('raw-u001f-in-attribute', doc('<item a="a\x1fb"/>'), 'malformed',
     X + ' §2.2 [2] Char', 'raw U+001F in an attribute value'),
    ('raw-ufffe-in-attribute', doc('<item a="a\ufffeb"/>'), 'malformed',
     X + ' §2.2 [2] Char', 'raw U+FFFE in an attribute value'),
    ('raw-uffff-in-attribute', doc('<item a="a\uffffb"/>'), 'malformed',
     X + ' §2.2 [2] Char', 'raw U+FFFF in an attribute value'),
    ('nul-byte', doc('a\x00b'), 'malformed', X + ' §2.2 [2] Char',
     'a NUL byte in content'),
    # --- character data, comments, CDATA ------------------------------------
    ('cdata-end-in-text', doc('a ]]> b'), 'malformed', X + ' §2.4 [14] CharData',
     ']]> may not appear literally in content'),
    ('comment-double-hyphen', doc('<!-- a -- b -->'), 'malformed',
     X + ' §2.5 [15] Comment', '-- inside a comment'),
    ('comment-ends-triple-hyphen', doc('<!-- a --->'), 'malformed',
     X + ' §2.5 [15] Comment', 'comment text may not end with -'),
    ('unterminated-comment', DECL + ROOT_OPEN + 'a<!-- no end </doc>\n',
     'malformed', X + ' §2.5 [15] Comment', 'EOF inside a comment'),
    ('unterminated-cdata', DECL + ROOT_OPEN + '<![CDATA[ no end </doc>\n',
     'malformed', X + ' §2.7 [18] CDSect', 'EOF inside a CDATA section'),
    ('cdata-outside-root', doc('x') + '<![CDATA[after]]>\n', 'malformed',
     X + ' §2.1 [1] document / [27] Misc',
     'CDATA sections are only allowed in content'),
    # --- names ---------------------------------------------------------------
    ('name-starts-with-digit', doc('<1a/>'), 'malformed',
     X + ' §2.3 [4] NameStartChar / [5] Name', 'digit cannot start a Name'),
    ('name-starts-with-hyphen', doc('<-a/>'), 'malformed',
     X + ' §2.3 [4] NameStartChar / [5] Name', '- cannot start a Name'),
    ('name-starts-with-dot', doc('<.a/>'), 'malformed',
     X + ' §2.3 [4] NameStartChar / [5] Name', '. cannot start a Name'),
    ('name-starts-with-combining', doc('<\u0300a/>'), 'malformed',
     X + ' §2.3 [4] NameStartChar / [5] Name',
     'U+0300 is a NameChar but not a NameStartChar'),
    ('name-with-times-sign', doc('<a\u00d7b/>'), 'malformed',
     X + ' §2.3 [4a] NameChar', 'U+00D7 (multiplication sign) is not a NameChar'),
    ('junk-in-start-tag', doc('<item @/>'), 'malformed',
     X + ' §3.1 [44] EmptyElemTag', '@ where an attribute name must be'),
    ('name-with-space', doc('<my item>x</my item>'), 'malformed',
     X + ' §3.1 [42] ETag / [41] Attribute',
     'an element name cannot contain a space'),
    ('lt-followed-by-space', doc('< item/>'), 'malformed',
     X + ' §3.1 [44] EmptyElemTag', 'no whitespace allowed after <'),
    ('end-tag-with-attribute', doc('<item>x</item a="1">'), 'malformed',
     X + ' §3.1 [42] ETag', 'end tags carry no attributes'),
    ('empty-tag-space-before-gt', doc('<item/ >'), 'malformed',
     X + ' §3.1 [44] EmptyElemTag', "'/>' must be contiguous"),
    ('qname-two-colons',
     doc('<a:b:c/>', root_attrs=' xmlns:a="urn:example:a"'), 'malformed',
     N + ' §4 [7] QName, §7 Conformance',
     'a:b:c is an XML Name but not a QName (at most one colon)'),
    ('qname-leading-colon', doc('<:a/>'), 'malformed',
     N + ' §4 [7] QName, §7 Conformance',
     ':a is an XML Name but not a QName'),
    ('qname-trailing-colon',
     doc('<a:/>', root_attrs=' xmlns:a="urn:example:a"'), 'malformed',
     N + ' §4 [7] QName, §7 Conformance', 'empty local part'),
    ('pi-target-with-colon', doc('<?p:q data?>'), 'malformed',
     N + ' §7 Conformance of Documents',
     'PI targets must contain no colon'),
    # --- namespaces -----------------------------------------------------------
    ('unbound-element-prefix', doc('<p:item/>'), 'malformed',
     N + ' §5 [12] NSC: Prefix Declared', 'prefix p never declared'),
    ('unbound-attribute-prefix', doc('<item p:a="1"/>'), 'malformed',
     N + ' §5 [15] NSC: Prefix Declared', 'attribute prefix p never declared'),
    ('element-prefix-xmlns', doc('<xmlns:a/>'), 'malformed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'element names MUST NOT have the prefix xmlns'),
    ('undeclare-prefix', doc('<item xmlns:p=""/>'), 'malformed',
     N + ' §5 [15] NSC: No Prefix Undeclaring',
     'xmlns:p="" is only legal in Namespaces 1.1'),
    ('rebind-xml-prefix', doc('<item xmlns:xml="urn:example:x"/>'), 'malformed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'xml may only be bound to the XML namespace'),
    ('bind-prefix-to-xml-ns', doc('<item xmlns:p="%s"/>' % XML_NS), 'malformed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'no prefix other than xml may be bound to the XML namespace'),
    ('declare-xmlns-prefix', doc('<item xmlns:xmlns="urn:example:x"/>'),
     'malformed', N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'the prefix xmlns MUST NOT be declared'),
    ('bind-prefix-to-xmlns-ns', doc('<item xmlns:p="%s"/>' % XMLNS_NS),
     'malformed', N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'no prefix may be bound to the xmlns namespace'),
    ('default-ns-is-xml-ns', doc('<item xmlns="%s"/>' % XML_NS), 'malformed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'the XML namespace MUST NOT be the default namespace'),
    ('default-ns-is-xmlns-ns', doc('<item xmlns="%s"/>' % XMLNS_NS), 'malformed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'the xmlns namespace MUST NOT be the default namespace'),
    ('xmlns-empty-local-part', doc('<item xmlns:="urn:example:x"/>'),
     'malformed', N + ' §3 [2] PrefixedAttName / §4 [7] QName',
     'xmlns: with an empty prefix'),
    # --- attributes -------------------------------------------------------------
    ('duplicate-attribute', doc('<item a="1" a="2"/>'), 'malformed',
     X + ' §3.1 WFC: Unique Att Spec', 'same attribute twice'),
    ('duplicate-attribute-expanded',
     doc('<item p:a="1" q:a="2"/>',
         root_attrs=' xmlns:p="urn:example:x" xmlns:q="urn:example:x"'),
     'malformed', N + ' §6.3 NSC: Attributes Unique',
     'p:a and q:a expand to the same {urn:example:x}a'),
    ('duplicate-default-ns-decl',
     doc('<item xmlns="urn:example:x" xmlns="urn:example:x"/>'), 'malformed',
     X + ' §3.1 WFC: Unique Att Spec', 'xmlns declared twice on one element'),
    ('duplicate-prefix-decl',
     doc('<item xmlns:p="urn:example:x" xmlns:p="urn:example:y"/>'),
     'malformed', X + ' §3.1 WFC: Unique Att Spec',
     'xmlns:p declared twice on one element'),
    ('no-space-between-attributes', doc('<item a="1"b="2"/>'), 'malformed',
     X + ' §3.1 [40] STag / [44] EmptyElemTag',
     'whitespace is required between attributes'),
    ('unquoted-attribute-value', doc('<item a=1/>'), 'malformed',
     X + ' §2.3 [10] AttValue', 'attribute values must be quoted'),
    ('attribute-without-value', doc('<item a/>'), 'malformed',
     X + ' §3.1 [41] Attribute', 'minimised (HTML-style) attribute'),
    ('attribute-missing-eq', doc('<item a "1"/>'), 'malformed',
     X + ' §3.1 [41] Attribute / §2.8 [25] Eq', 'no = between name and value'),
    ('attribute-mismatched-quotes', doc('<item a="1\'/>'), 'malformed',
     X + ' §2.3 [10] AttValue', 'opened with " and closed with \''),
    # --- XML declaration and PIs ----------------------------------------------
    ('xmldecl-after-whitespace', ' ' + doc('x'), 'malformed',
     X + ' §2.6 [17] PITarget, §2.8 [22] prolog',
     'the XML declaration must be the very first bytes'),
    ('xmldecl-after-comment', '<!-- c -->\n' + doc('x'), 'malformed',
     X + ' §2.6 [17] PITarget, §2.8 [22] prolog',
     'XML declaration after a comment'),
    ('xmldecl-after-root', ROOT_OPEN + 'x</doc>\n' + DECL, 'malformed',
     X + ' §2.6 [17] PITarget, §2.1 [1] document',
     'XML declaration after the root element'),
    ('double-bom', b'\xef\xbb\xbf\xef\xbb\xbf' + b(doc('x')), 'malformed',
     X + ' §2.8 [22] prolog, §4.3.3',
     'only one BOM; the second U+FEFF is a char before the XML declaration'),
    ('xmldecl-version-2.0',
     doc('x', decl='<?xml version="2.0" encoding="UTF-8"?>\n'), 'malformed',
     X + " §2.8 [26] VersionNum", "VersionNum is '1.' [0-9]+"),
    ('xmldecl-version-1',
     doc('x', decl='<?xml version="1" encoding="UTF-8"?>\n'), 'malformed',
     X + " §2.8 [26] VersionNum", "VersionNum needs '1.' and a digit"),
    ('xmldecl-missing-version', doc('x', decl='<?xml encoding="UTF-8"?>\n'),
     'malformed', X + ' §2.8 [23] XMLDecl', 'VersionInfo is mandatory'),
    ('xmldecl-encoding-before-version',
     doc('x', decl='<?xml encoding="UTF-8" version="1.0"?>\n'), 'malformed',
     X + ' §2.8 [23] XMLDecl', 'pseudo-attributes are ordered'),
    ('xmldecl-standalone-before-encoding',
     doc('x', decl='<?xml version="1.0" standalone="yes" encoding="UTF-8"?>\n'),
     'malformed', X + ' §2.8 [23] XMLDecl',
     'standalone must come after encoding'),
    ('xmldecl-standalone-maybe',
     doc('x', decl='<?xml version="1.0" encoding="UTF-8" standalone="maybe"?>\n'),
     'malformed', X + ' §2.9 [32] SDDecl', "standalone is 'yes' or 'no'"),
    ('xmldecl-mixed-quotes',
     doc('x', decl='<?xml version="1.0\' encoding="UTF-8"?>\n'), 'malformed',
     X + ' §2.8 [24] VersionInfo', 'opened with " closed with \''),
    ('xmldecl-no-space-before-encoding',
     doc('x', decl='<?xml version="1.0"encoding="UTF-8"?>\n'), 'malformed',
     X + ' §4.3.3 [80] EncodingDecl', 'S is required before encoding'),
    ('xmldecl-bad-encoding-name',
     doc('x', decl='<?xml version="1.0" encoding="UTF 8"?>\n'), 'malformed',
     X + ' §4.3.3 [81] EncName', 'space is not allowed in EncName'),
    ('xmldecl-uppercase-xml',
     doc('x', decl='<?XML version="1.0" encoding="UTF-8"?>\n'), 'malformed',
     X + ' §2.6 [17] PITarget',
     'XMLDecl is case-sensitive and XML is a reserved PI target'),
    ('pi-target-xml-in-content', doc('<?xml data?>'), 'malformed',
     X + ' §2.6 [17] PITarget', 'PI target xml is reserved'),
    ('pi-without-target', doc('<? data?>'), 'malformed', X + ' §2.6 [16] PI',
     'no PITarget after <?'),
    # --- DOCTYPE (policy) --------------------------------------------------------
    ('doctype-billion-laughs', BILLION_LAUGHS, 'refused', POLICY_DTD,
     'well-formed, 10 levels of entities x10 (10^9 lol): must be refused '
     'without expansion'),
    ('doctype-xxe-external-entity',
     DECL + '<!DOCTYPE doc [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
     + ROOT_OPEN + '&xxe;</doc>\n', 'refused', POLICY_DTD,
     'well-formed; external entity to file:///etc/passwd must never be read'),
    ('doctype-external-subset',
     DECL + '<!DOCTYPE doc SYSTEM "file:///etc/passwd">\n' + ROOT_OPEN
     + 'x</doc>\n', 'refused', POLICY_DTD,
     'well-formed; external subset file:///etc/passwd must never be read'),
    ('doctype-plain', DECL + '<!DOCTYPE doc>\n' + ROOT_OPEN + 'x</doc>\n',
     'refused', POLICY_DTD, 'well-formed, no subset at all'),
    ('doctype-empty-internal-subset',
     DECL + '<!DOCTYPE doc []>\n' + ROOT_OPEN + 'x</doc>\n', 'refused',
     POLICY_DTD, 'well-formed, empty internal subset'),
    # --- encodings ---------------------------------------------------------------
    ('utf8-lone-continuation-byte', b(DECL + ROOT_OPEN) + b'a\x80b</doc>\n',
     'malformed', ENC, 'byte 0x80 without a lead byte'),
    ('utf8-overlong-slash', b(DECL + ROOT_OPEN) + b'a\xc0\xafb</doc>\n',
     'malformed', ENC, 'C0 AF: overlong encoding of /'),
    ('utf8-truncated-at-eof', b(doc('x')) + b'\xe2\x82', 'malformed', ENC,
     'first 2 bytes of a 3-byte sequence, then EOF'),
    ('utf8-encoded-surrogate', b(DECL + ROOT_OPEN) + b'a\xed\xa0\x80b</doc>\n',
     'malformed', ENC, 'ED A0 80 encodes U+D800; invalid UTF-8'),
    ('utf8-byte-ff', b(DECL + ROOT_OPEN) + b'a\xffb</doc>\n', 'malformed', ENC,
     '0xFF never occurs in UTF-8'),
    ('utf16le-no-bom-no-decl', doc('x', decl='').encode('utf-16-le'),
     'malformed', ENC + ', Appendix F',
     'UTF-16 entities MUST start with a BOM; read as UTF-8 it has NUL bytes'),
    ('utf16le-bom-no-decl', b'\xff\xfe' + doc('x', decl='').encode('utf-16-le'),
     'refused', POLICY_ENC,
     'well-formed per XML (BOM suffices); reader requires the declaration too'),
    ('utf16le-bom-declares-utf8', b'\xff\xfe' + doc('x').encode('utf-16-le'),
     'malformed', ENC + ', Appendix F',
     'BOM says UTF-16, declaration says UTF-8: fatal error'),
    ('utf8-declares-utf16',
     doc('x', decl='<?xml version="1.0" encoding="UTF-16"?>\n'), 'malformed',
     ENC, 'UTF-8 bytes, no BOM, but declared UTF-16: fatal error'),
    ('latin1-declared',
     b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + b(ROOT_OPEN)
     + b'caf\xe9</doc>\n', 'refused', POLICY_ENC,
     'well-formed ISO-8859-1 (0xE9 = e-acute), not UTF-8: refused'),
    ('binary-random-64', RANDOM64, 'malformed', X + ' §2.1 [1] document, ' + ENC,
     '64 fixed random bytes (starts with NUL, invalid UTF-8)'),
    # --- truncation -----------------------------------------------------------------
    ('truncated-in-start-tag', DECL + ROOT_OPEN + '<ite', 'malformed',
     X + ' §3.1 [40] STag', 'EOF in the middle of a start tag name'),
    ('eof-in-attribute-value', DECL + ROOT_OPEN + '<item a="abc', 'malformed',
     X + ' §2.3 [10] AttValue', 'EOF inside a quoted attribute value'),
]


def deep(levels):
    return (DECL + ROOT_OPEN + '<e>' * (levels - 1) + 'deep'
            + '</e>' * (levels - 1) + '</doc>\n')


def long_attr(size):
    unit = 'abcdefghijklmnopqrstuvwxyz0123456789 '  # 37 chars
    value = (unit * (size // len(unit) + 1))[:size]
    return doc('<item a="%s"/>' % value)


def utf16(enc, bom):
    text = doc('caf\u00e9 \U0001F600',
               decl='<?xml version="1.0" encoding="UTF-16"?>\n')
    return bom + text.encode(enc)


GOOD = [
    ('no-xml-decl', doc('x', decl=''), 'well-formed', X + ' §2.8 [22] prolog',
     'XMLDecl is optional'),
    ('utf8-bom', b'\xef\xbb\xbf' + b(doc('x')), 'well-formed',
     X + ' §4.3.3, Appendix F', 'UTF-8 BOM before the declaration is allowed'),
    ('decl-single-quotes-standalone',
     doc('x', decl="<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"),
     'well-formed', X + ' §2.8 [23] XMLDecl, §2.9 [32] SDDecl',
     "single quotes and standalone='yes'"),
    ('decl-standalone-no-encoding',
     doc('x', decl='<?xml version="1.0" standalone="no"?>\n'), 'well-formed',
     X + ' §2.8 [23] XMLDecl', 'encoding omitted, standalone present'),
    ('decl-spaces-and-lowercase-encoding',
     doc('x', decl="<?xml   version = '1.0'   encoding = \"utf-8\"  ?>\n"),
     'well-formed', X + ' §2.8 [25] Eq, §4.3.3 [81] EncName',
     'S around =, trailing S, encoding names are case-insensitive'),
    ('decl-version-1.5',
     doc('x', decl='<?xml version="1.5" encoding="UTF-8"?>\n'), 'well-formed',
     X + ' §2.8 [26] VersionNum',
     "1.x is matched by VersionNum; a 1.0 processor treats it as 1.0"),
    ('crlf-line-ends',
     doc('\r\n  <item a="1"\r\n        b="2">x\r\ny</item>\r\n').replace(
         '\n', '\r\n').replace('\r\r\n', '\r\n'),
     'well-formed', X + ' §2.11 End-of-Line Handling', 'CR LF everywhere'),
    ('lone-cr', doc('a\rb<item a="x\ry"/>\r'), 'well-formed',
     X + ' §2.11 End-of-Line Handling', 'bare CR is S / normalised to LF'),
    ('tabs', DECL + '<doc\txmlns="urn:example:t"\t>\t<item\ta\t=\t"\t1"\t/>\t'
     + '</doc\t>\n', 'well-formed', X + ' §2.3 [3] S',
     'tab as whitespace inside tags and as text'),
    ('predefined-entities',
     doc('&lt;&gt;&amp;&apos;&quot;<item a="&lt;&gt;&amp;&apos;&quot;"/>'),
     'well-formed', X + ' §4.6 Predefined Entities',
     'all five predefined entities in text and attribute'),
    ('char-refs',
     doc('&#65;&#x41;&#x1F600;&#128512;&#x9;&#xA;&#xD;'
         '<item a="&#65;&#x41;&#x1F600;&#x9;&#xA;&#xD;"/>'), 'well-formed',
     X + ' §4.1 [66] CharRef',
     'decimal, hex, supplementary plane, TAB/LF/CR in text and attribute'),
    ('charref-leading-zeros', doc('&#0000065;&#x0000041;'), 'well-formed',
     X + ' §4.1 [66] CharRef', 'leading zeros are allowed'),
    ('charref-max', doc('&#x10FFFF;&#1114111;&#xFFFD;&#xE000;'), 'well-formed',
     X + ' §4.1 WFC: Legal Character',
     'U+10FFFF, U+FFFD, U+E000 are all Char'),
    ('charref-markup-chars', doc('&#60;item&#62; &#38;amp; &#x5D;&#x5D;&#x3E;'),
     'well-formed', X + ' §4.1 [66] CharRef',
     'references to < > & ]]> are just text'),
    ('cdata-special-chars', doc('<![CDATA[ < & ]] ]> <!-- x --> &foo; ]]]]>'),
     'well-formed', X + ' §2.7 [18] CDSect / [20] CData',
     'CDATA with < & ]] and content ending in ]]'),
    ('cdata-empty', doc('<![CDATA[]]>'), 'well-formed', X + ' §2.7 [20] CData',
     'empty CDATA section'),
    ('brackets-then-escaped-gt', doc('a ]]&gt; b ]] c ]> d > e'), 'well-formed',
     X + ' §2.4 [14] CharData', ']] then &gt;, lone ]] and raw >'),
    ('cdata-end-in-attribute', doc('<item a="]]>" b=">"/>'), 'well-formed',
     X + ' §2.3 [10] AttValue', ']]> and > are allowed in attribute values'),
    ('misc-around-root',
     DECL + '<!-- before -->\n<?pi before?>\n\n' + ROOT_OPEN + 'x</doc>\n'
     + '<!-- after -->\n<?pi after?>\n\n', 'well-formed',
     X + ' §2.1 [1] document, §2.8 [27] Misc',
     'comments, PIs and whitespace before and after the root'),
    ('xml-stylesheet-pi',
     DECL + '<?xml-stylesheet type="text/xsl" href="s.xsl"?>\n'
     + ROOT_OPEN + '<?xml-foo bar?>x</doc>\n', 'well-formed',
     X + ' §2.6 [17] PITarget',
     'targets starting with xml but not equal to xml are legal'),
    ('pi-without-data', doc('<?target?><?t   ?>'), 'well-formed',
     X + ' §2.6 [16] PI', 'PI with no data, and with only whitespace'),
    ('empty-comments', doc('<!----><!-- - --><!--a-b-->'), 'well-formed',
     X + ' §2.5 [15] Comment', 'empty comment and single hyphens'),
    ('attribute-gt-and-quotes',
     doc('<item a="x > y" b="it\'s" c=\'say "hi"\'/>'), 'well-formed',
     X + ' §2.3 [10] AttValue', "> and ' inside \"...\", \" inside '...'"),
    ('attribute-raw-whitespace', doc('<item a="x\ty\nz"/>'), 'well-formed',
     X + ' §3.3.3 Attribute-Value Normalization',
     'raw TAB and LF in an attribute value (normalised to spaces)'),
    ('whitespace-around-eq', doc('<item a = "1" b\n=\n\'2\'/>'), 'well-formed',
     X + ' §2.8 [25] Eq', 'S allowed on both sides of ='),
    ('end-tag-trailing-whitespace', DECL + ROOT_OPEN + '<item>x</item >'
     + '</doc\n>\n', 'well-formed', X + ' §3.1 [42] ETag',
     '</item > and </doc\\n> are legal'),
    ('empty-element-with-space', doc('<item /><item a="1" />'), 'well-formed',
     X + ' §3.1 [44] EmptyElemTag', 'S before />'),
    ('raw-gt-in-text', doc('a > b >> c'), 'well-formed', X + ' §2.4 [14] CharData',
     '> is only forbidden as part of ]]>'),
    ('default-ns-undeclared', doc('<item xmlns=""><plain/></item>'),
     'well-formed', N + ' §6.2 Namespace Defaulting',
     'xmlns="" is legal and removes the default namespace'),
    ('prefix-rebound-in-child',
     doc('<p:a xmlns:p="urn:example:1"><p:b xmlns:p="urn:example:2"/></p:a>'),
     'well-formed', N + ' §6.1 Namespace Scoping',
     'same prefix bound to another URI in a child'),
    ('same-local-name-different-ns',
     doc('<item xmlns:p="urn:example:1" xmlns:q="urn:example:2" p:a="1" '
         'q:a="2" a="3"/>'), 'well-formed', N + ' §6.3 NSC: Attributes Unique',
     'p:a, q:a and a have different expanded names'),
    ('unprefixed-and-prefixed-attr-same-uri',
     doc('<item xmlns:t="urn:example:t" a="1" t:a="2"/>'), 'well-formed',
     N + ' §6.3 NSC: Attributes Unique',
     'unprefixed attributes are in no namespace, even with a default ns'),
    ('ns-declared-after-use-in-tag', doc('<p:item p:a="1" xmlns:p="urn:example:p"/>'),
     'well-formed', N + ' §6.1 Namespace Scoping',
     'declaration order inside one start tag does not matter'),
    ('non-ascii-names',
     doc('<caf\u00e9 na\u00efve="oui"/><\u65e5\u672c\u8a9e '
         '\u5c5e\u6027="\u5024">\u30c6\u30ad\u30b9\u30c8</\u65e5\u672c\u8a9e>'),
     'well-formed', X + ' §2.3 [4] NameStartChar',
     'Latin-1 and CJK letters in element and attribute names'),
    ('name-punctuation-and-digits',
     doc('<_a/><a.b-c_d1/><x9 _y="1" a.b="2" c-d="3" e\u00b7f="4"/>'
         '<e\u0301t\u00e9/>'), 'well-formed', X + ' §2.3 [4a] NameChar',
     '. - _ digits U+00B7 and combining marks after the first char; _ first'),
    ('supplementary-plane-names', doc('<\U00010000 \U0001F600="1">x</\U00010000>'),
     'well-formed', X + ' §2.3 [4] NameStartChar',
     '[#x10000-#xEFFFF] are NameStartChars (5th edition)'),
    ('element-named-xmlns', doc('<xmlns/>'), 'well-formed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'only the *prefix* xmlns is banned on elements; local name xmlns is ok'),
    ('xml-lang-space-attributes',
     doc('<item xml:lang="en" xml:space="preserve" xml:id="i1"/>'),
     'well-formed', N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'the xml prefix is bound without a declaration'),
    ('explicit-xml-prefix-binding',
     doc('<item xmlns:xml="%s" xml:lang="en"/>' % XML_NS), 'well-formed',
     N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'xml MAY be declared, to its own namespace'),
    ('reserved-xml-prefixed-prefix',
     doc('<xmlfoo:a xmlns:xmlfoo="urn:example:x" xmlfoo:b="1"/>'),
     'well-formed', N + ' §3 NSC: Reserved Prefixes and Namespace Names',
     'prefixes starting with xml are reserved but MUST NOT be a fatal error'),
    ('relative-namespace-uri', doc('<r:a xmlns:r="rel/path"/>'), 'well-formed',
     N + ' §2 (relative URI references deprecated)',
     'deprecated, but not a well-formedness error'),
    ('deep-nesting-200', deep(200), 'well-formed', X + ' §3 [39] element',
     '200 nested elements (generated)'),
    ('long-attribute-100k', long_attr(100 * 1024), 'well-formed',
     X + ' §2.3 [10] AttValue', '102400-character attribute value (generated)'),
    ('nel-lsep-in-text', doc('a\u0085b\u2028c<item a="\u0085\u2028"/>'),
     'well-formed', X + ' §2.2 [2] Char',
     'U+0085 and U+2028 are plain chars in XML 1.0 (line ends only in 1.1)'),
    ('c1-controls-and-del', doc('a\x7fb\x80c\x9fd'), 'well-formed',
     X + ' §2.2 [2] Char', 'U+007F-U+009F are Char in XML 1.0 (discouraged)'),
    ('noncharacters-in-char-range', doc('a\ufdd0b\U0001fffec\ufffdd'),
     'well-formed', X + ' §2.2 [2] Char',
     'U+FDD0, U+1FFFE are Char (discouraged); U+FFFD is Char'),
    ('utf16le-bom-decl', utf16('utf-16-le', b'\xff\xfe'), 'well-formed',
     X + ' §4.3.3, Appendix F',
     'UTF-16LE with BOM FF FE and encoding="UTF-16" (generated)'),
    ('utf16be-bom-decl', utf16('utf-16-be', b'\xfe\xff'), 'well-formed',
     X + ' §4.3.3, Appendix F',
     'UTF-16BE with BOM FE FF and encoding="UTF-16" (generated)'),
]


def files():
    """Yield (relative path, bytes, verdict, constraint, note)."""
    for sub, table in (('bad', BAD), ('good', GOOD)):
        names = set()
        for i, (name, content, verdict, constraint, note) in enumerate(table, 1):
            assert name not in names, name
            names.add(name)
            assert (sub == 'good') == (verdict == 'well-formed'), name
            yield ('%s/%03d-%s.xml' % (sub, i, name), b(content), verdict,
                   constraint, note)


def check_expected():
    """EXPECTED.md must list every file once, with the same verdict."""
    want = {rel: verdict for rel, _, verdict, _, _ in files()}
    seen = {}
    with open(os.path.join(HERE, 'EXPECTED.md'), encoding='utf-8') as fh:
        for line in fh:
            if line.startswith('| `'):
                cells = [c.strip() for c in line.split(' | ')]
                seen[cells[0].strip('|` ')] = cells[1]
    problems = 0
    for rel in sorted(set(want) | set(seen)):
        if want.get(rel) != seen.get(rel):
            print('EXPECTED.md out of sync:', rel, want.get(rel), seen.get(rel))
            problems += 1
    return problems


def main(argv):
    check = '--check' in argv
    wanted = {}
    for rel, data, _, _, _ in files():
        wanted[rel] = data
    bad = 0
    for sub in ('bad', 'good'):
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        for f in sorted(os.listdir(d)):
            rel = sub + '/' + f
            if f.endswith('.xml') and rel not in wanted:
                if check:
                    print('stale file:', rel)
                    bad += 1
                else:
                    os.remove(os.path.join(d, f))
    for rel, data in wanted.items():
        path = os.path.join(HERE, rel)
        if check:
            try:
                with open(path, 'rb') as fh:
                    same = fh.read() == data
            except FileNotFoundError:
                same = False
            if not same:
                print('differs or missing:', rel)
                bad += 1
        else:
            with open(path, 'wb') as fh:
                fh.write(data)
    if check:
        bad += check_expected()
        print('%d files checked, %d problems' % (len(wanted), bad))
        return 1 if bad else 0
    print('wrote %d files' % len(wanted))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
