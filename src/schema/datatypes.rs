//! The XML Schema 1.0 (second edition) Part 2 built-in datatypes the MILE schemas use.
//!
//! Everything here is a pure function over `&str`:
//!
//! * [`whitespace`] and [`normalize`]: the `whiteSpace` facet (`preserve`, `replace`,
//!   `collapse`), borrowing whenever nothing changes;
//! * [`check`]: membership of an already normalized value in the lexical space of a built-in,
//!   with hand-written, allocation-free byte parsers (no regular expressions);
//! * [`compare`]: the order used by the range facets (`minInclusive` and friends);
//! * [`length`]: the measure used by the length facets (characters, octets or list items);
//! * [`compile_pattern`]: translation of an XML Schema regular expression (Part 2, appendix F)
//!   into an anchored [`regex::Regex`].
//!
//! # Deviations from libxml2 2.9.14
//!
//! The checks follow the specification. libxml2 (the validator behind `xmllint --schema`)
//! differs on the following points, verified with `xmllint`; we follow the specification:
//!
//! * Dates and times: libxml2 rejects years that overflow a C `long` (more than 18 digits) and
//!   seconds such as `59.99999999999999999999` that round to 60 as a `double`; both are valid.
//!   In element content it also rejects a date with leading whitespace although the facet is
//!   `collapse` (trailing whitespace is accepted). For negative years both sides apply the
//!   Gregorian leap rule to the signed year number (`-0004` is a leap year, `-0001` is not),
//!   which is the `maximumDayInMonthFor` function of appendix E of the specification.
//! * `duration`: libxml2 rejects components that overflow a C `long`; any length is valid.
//! * `decimal`, `integer` and the unbounded integer types: libxml2 rejects values of more than
//!   24 significant digits (an implementation limit the specification permits but does not
//!   require); we accept any number of digits. libxml2 also rejects a sign on the `unsigned*`
//!   types (`+5`, `-0`), which their derivation from `nonNegativeInteger` by `maxInclusive`
//!   allows.
//! * `float` and `double`: libxml2 accepts an exponent marker without digits (`1e`, `1.5e+`).
//! * `base64Binary`: libxml2 skips any character that is not in the base64 alphabet
//!   (`SGV!sbG8=` passes); the grammar of the second edition admits only the alphabet, `=`
//!   padding and single spaces.
//! * `NMTOKENS` and `IDREFS`: libxml2 accepts the empty list; list types built in to XML Schema
//!   have `minLength` 1.
//! * `Name`, `NCName` and the types built on them: libxml2 uses the XML 1.0 fourth edition
//!   (Unicode 2.0) letter tables and rejects names such as `Ⰰ`, `𐀀`, `⁰x` or `a‿` that the
//!   fifth edition `NameStartChar`/`NameChar` productions allow.
//!
//! * Patterns: libxml2 compiles `[a-c-e]`, `[\d-z]`, `[]`, `[-[a]]` and an unescaped `}`, which
//!   the grammar of appendix F forbids; [`compile_pattern`] reports them as errors.
//!
//! `anyURI` is the exception: XML Schema 1.0 defines it only by reference to XLink escaping
//! and RFC 2396/2732, so [`check`] reproduces what libxml2 2.9.14 actually does (map characters
//! a URI may not contain to `_`, then parse as an RFC 3986 URI reference with libxml2's
//! leniencies: `[`/`]` allowed in the fragment, host `[...]` not checked, port at most
//! 2147483647).
//!
//! `QName` is checked lexically only: whether the prefix is bound is a question for the caller
//! that knows the in-scope namespaces (libxml2 reports an unbound prefix as an invalid value).

use std::borrow::Cow;
use std::cmp::Ordering;

use super::model::Builtin;
use crate::xml::{HIGH, ONES, word8};

// ---------------------------------------------------------------------------------------------
// Whitespace facet

/// The value of the `whiteSpace` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Whitespace {
    /// Keep the value as it is.
    Preserve,
    /// Replace each tab, carriage return and line feed by a space.
    Replace,
    /// Replace, then collapse runs of spaces to one and strip leading and trailing spaces.
    Collapse,
}

/// The `whiteSpace` facet of a built-in: `preserve` for `string` (and `anySimpleType`, whose
/// values are arbitrary strings, as libxml2 and Xerces also assume), `replace` for
/// `normalizedString`, `collapse` for everything else.
pub fn whitespace(b: Builtin) -> Whitespace {
    match b {
        Builtin::String | Builtin::AnySimpleType => Whitespace::Preserve,
        Builtin::NormalizedString => Whitespace::Replace,
        _ => Whitespace::Collapse,
    }
}

fn is_xml_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_xml_ws_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Applies a `whiteSpace` facet to a raw value; borrows (no allocation) when nothing changes,
/// including when `collapse` only has to strip leading or trailing whitespace.
pub fn normalize(ws: Whitespace, raw: &str) -> Cow<'_, str> {
    match ws {
        Whitespace::Preserve => Cow::Borrowed(raw),
        Whitespace::Replace => {
            if raw.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
                Cow::Owned(raw.chars().map(|c| if is_xml_ws(c) { ' ' } else { c }).collect())
            } else {
                Cow::Borrowed(raw)
            }
        }
        Whitespace::Collapse => {
            // White space is ASCII: trim bytes.
            let b = raw.as_bytes();
            let start = b.iter().position(|&c| !is_xml_ws_byte(c)).unwrap_or(b.len());
            let end = b.iter().rposition(|&c| !is_xml_ws_byte(c)).map_or(start, |k| k + 1);
            let trimmed = raw.get(start..end).unwrap_or("");
            let bytes = trimmed.as_bytes();
            let mut clean = true;
            let mut prev_space = false;
            // Eight bytes at a time while none is a space or control character (the common
            // case); the rest byte by byte. A word of such bytes leaves `prev_space` false.
            let mut tail = bytes.get(bytes.len() - bytes.len() % 8..).unwrap_or(&[]);
            for (n, w) in bytes.chunks_exact(8).enumerate() {
                let x = word8(w, 0);
                // The high bit of each byte below 0x21 (exact: high bytes are excluded first).
                let low = !((x | HIGH) - ONES * 0x21) & !x & HIGH;
                if low != 0 {
                    tail = bytes.get(8 * n..).unwrap_or(&[]);
                    break;
                }
            }
            for &b in tail {
                if b == b' ' {
                    if prev_space {
                        clean = false;
                        break;
                    }
                    prev_space = true;
                } else if is_xml_ws_byte(b) {
                    clean = false;
                    break;
                } else {
                    prev_space = false;
                }
            }
            if clean {
                return Cow::Borrowed(trimmed);
            }
            // The runs between white space (ASCII), joined by single spaces.
            let mut out = String::with_capacity(trimmed.len());
            let mut i = 0;
            while i < bytes.len() {
                while i < bytes.len() && is_xml_ws_byte(bytes[i]) {
                    i += 1;
                }
                let run = i;
                while i < bytes.len() && !is_xml_ws_byte(bytes[i]) {
                    i += 1;
                }
                if run < i {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(trimmed.get(run..i).unwrap_or(""));
                }
            }
            Cow::Owned(out)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexical errors

/// Why a value is not in the lexical space of a built-in datatype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}; {problem}")]
pub struct LexicalError {
    /// What was expected, in plain words with an example (see [`expected`]).
    pub expected: &'static str,
    /// What is wrong with this particular value, e.g. `the month must be 01 to 12`.
    pub problem: &'static str,
}

/// A plain description of the lexical space of a built-in, with an example.
pub fn expected(b: Builtin) -> &'static str {
    match b {
        Builtin::AnySimpleType => "any string",
        Builtin::String => "a string of XML characters",
        Builtin::NormalizedString => {
            "an xs:normalizedString such as \"two words\" (no tab, carriage return or line feed)"
        }
        Builtin::Token => {
            "an xs:token such as \"two words\" (no tab, carriage return or line feed, no leading, \
             trailing or double spaces)"
        }
        Builtin::Language => "a language tag such as en or en-US ([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*)",
        Builtin::LanguageOrEmpty => {
            "a language tag such as en or en-US ([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*) or the empty string"
        }
        Builtin::NmToken => "an xs:NMTOKEN such as ext-value (one or more XML name characters)",
        Builtin::NmTokens => "an xs:NMTOKENS such as \"low high\" (one or more name tokens separated by spaces)",
        Builtin::Name => "an xs:Name such as iodef:Incident (a letter, _ or : followed by XML name characters)",
        Builtin::NcName => "an xs:NCName such as Incident (an XML name without colons)",
        Builtin::Id => "an xs:ID such as incident-1 (an XML name without colons)",
        Builtin::IdRef => "an xs:IDREF such as incident-1 (an XML name without colons)",
        Builtin::IdRefs => {
            "an xs:IDREFS such as \"ref-1 ref-2\" (one or more names without colons separated by \
             spaces)"
        }
        Builtin::QName => {
            "an xs:QName such as iodef:Incident (an optional prefix and a local name, both without \
             colons)"
        }
        Builtin::AnyUri => "an xs:anyURI such as https://www.example.com/path (a URI reference)",
        Builtin::Boolean => "an xs:boolean: true, false, 1 or 0",
        Builtin::Decimal => {
            "an xs:decimal such as -12.50 (digits with an optional sign and decimal point, no \
             exponent)"
        }
        Builtin::Integer => "an xs:integer such as -42 (digits with an optional sign)",
        Builtin::NonNegativeInteger => "an xs:nonNegativeInteger such as 0 or 42 (an integer >= 0)",
        Builtin::PositiveInteger => "an xs:positiveInteger such as 1 or 42 (an integer >= 1)",
        Builtin::NonPositiveInteger => "an xs:nonPositiveInteger such as 0 or -42 (an integer <= 0)",
        Builtin::NegativeInteger => "an xs:negativeInteger such as -1 or -42 (an integer <= -1)",
        Builtin::Long => "an xs:long such as -42 (an integer from -9223372036854775808 to 9223372036854775807)",
        Builtin::Int => "an xs:int such as -42 (an integer from -2147483648 to 2147483647)",
        Builtin::Short => "an xs:short such as -42 (an integer from -32768 to 32767)",
        Builtin::Byte => "an xs:byte such as -42 (an integer from -128 to 127)",
        Builtin::UnsignedLong => "an xs:unsignedLong such as 42 (an integer from 0 to 18446744073709551615)",
        Builtin::UnsignedInt => "an xs:unsignedInt such as 42 (an integer from 0 to 4294967295)",
        Builtin::UnsignedShort => "an xs:unsignedShort such as 42 (an integer from 0 to 65535)",
        Builtin::UnsignedByte => "an xs:unsignedByte such as 42 (an integer from 0 to 255)",
        Builtin::Float => {
            "an xs:float such as 1.5, -2.5E10, INF, -INF or NaN (a decimal number with an optional \
             exponent)"
        }
        Builtin::Double => {
            "an xs:double such as 1.5, -2.5E10, INF, -INF or NaN (a decimal number with an optional \
             exponent)"
        }
        Builtin::DateTime => {
            "an xs:dateTime such as 2016-11-01T12:30:00Z (YYYY-MM-DDThh:mm:ss with optional \
             fraction and time zone)"
        }
        Builtin::Date => "an xs:date such as 2016-11-01 (YYYY-MM-DD with optional time zone)",
        Builtin::Time => "an xs:time such as 12:30:00 (hh:mm:ss with optional fraction and time zone)",
        Builtin::Duration => "an xs:duration such as P1DT2H or -PT30M (PnYnMnDTnHnMnS with at least one part)",
        Builtin::GYear => "an xs:gYear such as 2016 (YYYY with optional time zone)",
        Builtin::GYearMonth => "an xs:gYearMonth such as 2016-11 (YYYY-MM with optional time zone)",
        Builtin::Base64Binary => {
            "an xs:base64Binary such as SGVsbG8= (groups of four characters from A-Z a-z 0-9 + /, \
             with = padding at the end)"
        }
        Builtin::HexBinary => "an xs:hexBinary such as 0FB7 (an even number of hexadecimal digits)",
    }
}

// ---------------------------------------------------------------------------------------------
// Lexical check

/// Checks that an already whitespace-normalized value (see [`normalize`]) is in the lexical
/// space of a built-in datatype. Never panics and never allocates.
pub fn check(b: Builtin, value: &str) -> Result<(), LexicalError> {
    check_inner(b, value).map_err(|problem| LexicalError { expected: expected(b), problem })
}

type Check = Result<(), &'static str>;

fn check_inner(b: Builtin, v: &str) -> Check {
    let s = v.as_bytes();
    match b {
        Builtin::AnySimpleType => Ok(()),
        Builtin::String => check_xml_chars(s),
        Builtin::NormalizedString => {
            check_xml_chars(s)?;
            if s.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r')) {
                return Err("a normalizedString may not contain tabs, carriage returns or line feeds");
            }
            Ok(())
        }
        Builtin::Token => check_token(s),
        Builtin::Language => check_language(s),
        Builtin::LanguageOrEmpty => {
            if s.is_empty() {
                Ok(())
            } else {
                check_language(s)
            }
        }
        Builtin::NmToken => check_nmtoken(v),
        Builtin::NmTokens => check_list(v, check_nmtoken),
        Builtin::Name => check_name(v, true),
        Builtin::NcName | Builtin::Id | Builtin::IdRef => check_name(v, false),
        Builtin::IdRefs => check_list(v, |item| check_name(item, false)),
        Builtin::QName => check_qname(v),
        Builtin::AnyUri => check_any_uri(s),
        Builtin::Boolean => match s {
            b"true" | b"false" | b"1" | b"0" => Ok(()),
            _ => Err("only true, false, 1 and 0 are booleans (lowercase)"),
        },
        Builtin::Decimal => parse_decimal(s).map(|_| ()).ok_or(DECIMAL_PROBLEM),
        Builtin::Integer
        | Builtin::NonNegativeInteger
        | Builtin::PositiveInteger
        | Builtin::NonPositiveInteger
        | Builtin::NegativeInteger
        | Builtin::Long
        | Builtin::Int
        | Builtin::Short
        | Builtin::Byte
        | Builtin::UnsignedLong
        | Builtin::UnsignedInt
        | Builtin::UnsignedShort
        | Builtin::UnsignedByte => check_integer(b, s),
        Builtin::Float | Builtin::Double => check_float(s),
        Builtin::DateTime => parse_moment(Kind::DateTime, s).map(|_| ()),
        Builtin::Date => parse_moment(Kind::Date, s).map(|_| ()),
        Builtin::Time => parse_moment(Kind::Time, s).map(|_| ()),
        Builtin::GYear => parse_moment(Kind::GYear, s).map(|_| ()),
        Builtin::GYearMonth => parse_moment(Kind::GYearMonth, s).map(|_| ()),
        Builtin::Duration => check_duration(s),
        Builtin::Base64Binary => base64_octets(s).map(|_| ()),
        Builtin::HexBinary => {
            if !s.iter().all(u8::is_ascii_hexdigit) {
                Err("hexBinary uses only the digits 0-9, a-f and A-F")
            } else if s.len() % 2 != 0 {
                Err("hexBinary needs an even number of hexadecimal digits (two per octet)")
            } else {
                Ok(())
            }
        }
    }
}

/// Characters allowed in XML 1.0 documents: no C0 controls other than tab, CR and LF, and
/// neither U+FFFE nor U+FFFF (surrogates cannot occur in a Rust string).
fn check_xml_chars(s: &[u8]) -> Check {
    for (i, &c) in s.iter().enumerate() {
        if c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r') {
            return Err("the value contains a control character XML does not allow");
        }
        if c == 0xEF && s.get(i + 1) == Some(&0xBF) && matches!(s.get(i + 2), Some(0xBE | 0xBF)) {
            return Err("the value contains U+FFFE or U+FFFF, which XML does not allow");
        }
    }
    Ok(())
}

fn check_token(s: &[u8]) -> Check {
    check_xml_chars(s)?;
    if s.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r')) {
        return Err("a token may not contain tabs, carriage returns or line feeds");
    }
    if s.first() == Some(&b' ') || s.last() == Some(&b' ') {
        return Err("a token may not start or end with a space");
    }
    if s.windows(2).any(|w| w == b"  ") {
        return Err("a token may not contain two spaces in a row");
    }
    Ok(())
}

fn check_language(s: &[u8]) -> Check {
    if s.is_empty() {
        return Err("a language tag may not be empty");
    }
    for (i, part) in s.split(|&c| c == b'-').enumerate() {
        if part.is_empty() {
            return Err("each part of a language tag needs one to eight letters or digits");
        }
        if part.len() > 8 {
            return Err("each part of a language tag has at most eight characters");
        }
        let ok =
            if i == 0 { part.iter().all(u8::is_ascii_alphabetic) } else { part.iter().all(u8::is_ascii_alphanumeric) };
        if !ok {
            return Err(if i == 0 {
                "a language tag starts with one to eight ASCII letters"
            } else {
                "the subtags of a language tag are ASCII letters and digits separated by -"
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// XML names (XML 1.0 fifth edition)

/// `NameStartChar` of XML 1.0 fifth edition, as inclusive code point ranges.
const NAME_START_RANGES: &[(u32, u32)] = &[
    (0x3A, 0x3A), // ':'
    (0x41, 0x5A),
    (0x5F, 0x5F), // '_'
    (0x61, 0x7A),
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x2FF),
    (0x370, 0x37D),
    (0x37F, 0x1FFF),
    (0x200C, 0x200D),
    (0x2070, 0x218F),
    (0x2C00, 0x2FEF),
    (0x3001, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD),
    (0x10000, 0xEFFFF),
];

/// The characters `NameChar` adds to `NameStartChar`.
const NAME_EXTRA_RANGES: &[(u32, u32)] = &[(0x2D, 0x2E), (0x30, 0x39), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040)];

fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
    let c = c as u32;
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

fn is_name_start(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() || c == '_' || c == ':' } else { in_ranges(c, NAME_START_RANGES) }
}

fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.')
    } else {
        in_ranges(c, NAME_START_RANGES) || in_ranges(c, NAME_EXTRA_RANGES)
    }
}

fn check_name(v: &str, colons: bool) -> Check {
    let mut chars = v.chars();
    let Some(first) = chars.next() else {
        return Err("a name may not be empty");
    };
    if !colons && (first == ':' || v.contains(':')) {
        return Err("this name may not contain a colon");
    }
    if !is_name_start(first) {
        return Err("a name must start with a letter, _ or :, not a digit, -, . or other character");
    }
    if !chars.all(is_name_char) {
        return Err("a name may contain only letters, digits, ., -, _, :, combining marks and extenders");
    }
    Ok(())
}

fn check_nmtoken(v: &str) -> Check {
    if v.is_empty() {
        return Err("a name token may not be empty");
    }
    if !v.chars().all(is_name_char) {
        return Err("a name token may contain only letters, digits, ., -, _, :, combining marks and extenders");
    }
    Ok(())
}

fn check_qname(v: &str) -> Check {
    match v.split_once(':') {
        None => check_name(v, false),
        Some((prefix, local)) => {
            if prefix.is_empty() || local.is_empty() {
                return Err("a QName has a prefix and a local name around its colon, e.g. iodef:Incident");
            }
            if local.contains(':') {
                return Err("a QName has at most one colon");
            }
            check_name(prefix, false)?;
            check_name(local, false)
        }
    }
}

fn list_items(v: &str) -> impl Iterator<Item = &str> {
    v.split(is_xml_ws).filter(|item| !item.is_empty())
}

fn check_list(v: &str, item: impl Fn(&str) -> Check) -> Check {
    let mut n = 0usize;
    for it in list_items(v) {
        item(it)?;
        n += 1;
    }
    if n == 0 {
        return Err("the list needs at least one item");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// anyURI: libxml2 2.9.14's practical behaviour

fn check_any_uri(s: &[u8]) -> Check {
    if s.is_empty() || (UriParser { s }).uri_reference() {
        Ok(())
    } else {
        Err("not a URI reference: look for a % not followed by two hexadecimal digits, a [ or ] \
             outside an IP literal or fragment, a second #, a non-numeric port, or a colon in the \
             first segment of a relative reference")
    }
}

/// [`URI_CLASS`] bit: an RFC 3986 unreserved character.
const URI_UNRESERVED: u8 = 1;
/// [`URI_CLASS`] bit: an RFC 3986 sub-delimiter.
const URI_SUB_DELIM: u8 = 2;
/// The URI character classes of each byte, one lookup per character.
const URI_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
            t[b] |= URI_UNRESERVED;
        }
        if matches!(c, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=') {
            t[b] |= URI_SUB_DELIM;
        }
        b += 1;
    }
    t
};

/// An RFC 3986 URI-reference recognizer following libxml2's `xmlParse3986URIReference` over
/// the value in which libxml2's schema validator first replaced characters a URI may not
/// contain (controls, space, non-ASCII, `<>"{}|\^`'`) by `_`.
struct UriParser<'a> {
    s: &'a [u8],
}

impl UriParser<'_> {
    /// The byte at `i` after libxml2's escaping; 0 past the end.
    fn at(&self, i: usize) -> u8 {
        match self.s.get(i) {
            None => 0,
            Some(&b)
                if !(32..127).contains(&b)
                    || matches!(b, b' ' | b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'\\' | b'^' | b'`' | b'\'') =>
            {
                b'_'
            }
            Some(&b) => b,
        }
    }

    fn unreserved(b: u8) -> bool {
        URI_CLASS[b as usize] & URI_UNRESERVED != 0
    }

    fn sub_delim(b: u8) -> bool {
        URI_CLASS[b as usize] & URI_SUB_DELIM != 0
    }

    fn pct(&self, i: usize) -> bool {
        self.at(i) == b'%' && self.at(i + 1).is_ascii_hexdigit() && self.at(i + 2).is_ascii_hexdigit()
    }

    fn pchar(&self, i: usize) -> bool {
        let b = self.at(i);
        Self::unreserved(b) || self.pct(i) || Self::sub_delim(b) || b == b':' || b == b'@'
    }

    fn next(&self, i: usize) -> usize {
        if self.at(i) == b'%' { i + 3 } else { i + 1 }
    }

    fn scheme(&self, mut i: usize) -> Option<usize> {
        if !self.at(i).is_ascii_alphabetic() {
            return None;
        }
        i += 1;
        while {
            let b = self.at(i);
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
        } {
            i += 1;
        }
        Some(i)
    }

    fn fragment(&self, mut i: usize) -> usize {
        while self.pchar(i) || matches!(self.at(i), b'/' | b'?' | b'[' | b']') {
            i = self.next(i);
        }
        i
    }

    fn query(&self, mut i: usize) -> usize {
        while self.pchar(i) || matches!(self.at(i), b'/' | b'?') {
            i = self.next(i);
        }
        i
    }

    fn port(&self, mut i: usize) -> Option<usize> {
        if !self.at(i).is_ascii_digit() {
            return None;
        }
        let mut port: u64 = 0;
        while self.at(i).is_ascii_digit() {
            port = (port * 10 + u64::from(self.at(i) - b'0')).min(1 << 40);
            i += 1;
        }
        (port <= i32::MAX as u64).then_some(i)
    }

    fn userinfo(&self, mut i: usize) -> Option<usize> {
        while {
            let b = self.at(i);
            Self::unreserved(b) || self.pct(i) || Self::sub_delim(b) || b == b':'
        } {
            i = self.next(i);
        }
        (self.at(i) == b'@').then_some(i)
    }

    fn host(&self, mut i: usize) -> Option<usize> {
        if self.at(i) == b'[' {
            i += 1;
            while self.at(i) != b']' && i < self.s.len() {
                i += 1;
            }
            if self.at(i) != b']' {
                return None;
            }
            return Some(i + 1);
        }
        // libxml2 2.9.14 tries an IPv4 address first, but everything an IPv4 address can
        // contain is also a reg-name, and `http://1.2.3.4x/` passes: only the reg-name matters.
        while {
            let b = self.at(i);
            Self::unreserved(b) || self.pct(i) || Self::sub_delim(b)
        } {
            i = self.next(i);
        }
        Some(i)
    }

    fn authority(&self, i: usize) -> Option<usize> {
        let mut cur = match self.userinfo(i) {
            Some(j) => j + 1,
            None => i,
        };
        cur = self.host(cur)?;
        if self.at(cur) == b':' {
            cur = self.port(cur + 1)?;
        }
        Some(cur)
    }

    fn segment(&self, mut i: usize, forbid: u8, empty: bool) -> Option<usize> {
        if !self.pchar(i) {
            return empty.then_some(i);
        }
        while self.pchar(i) && self.at(i) != forbid {
            i = self.next(i);
        }
        Some(i)
    }

    fn slash_segments(&self, mut i: usize) -> Option<usize> {
        while self.at(i) == b'/' {
            i = self.segment(i + 1, 0, true)?;
        }
        Some(i)
    }

    fn path_absolute(&self, i: usize) -> Option<usize> {
        // at(i) == '/'
        match self.segment(i + 1, 0, false) {
            Some(j) => self.slash_segments(j),
            None => Some(i + 1),
        }
    }

    fn tail(&self, mut i: usize) -> bool {
        if self.at(i) == b'?' {
            i = self.query(i + 1);
        }
        if self.at(i) == b'#' {
            i = self.fragment(i + 1);
        }
        i >= self.s.len()
    }

    fn absolute(&self) -> Option<bool> {
        let mut i = self.scheme(0)?;
        if self.at(i) != b':' {
            return None;
        }
        i += 1;
        if self.at(i) == b'/' && self.at(i + 1) == b'/' {
            i = self.authority(i + 2)?;
            i = self.slash_segments(i)?;
        } else if self.at(i) == b'/' {
            i = self.path_absolute(i)?;
        } else if self.pchar(i) {
            i = self.segment(i, 0, false)?;
            i = self.slash_segments(i)?;
        }
        Some(self.tail(i))
    }

    fn relative(&self) -> Option<bool> {
        let mut i = 0;
        if self.at(0) == b'/' && self.at(1) == b'/' {
            i = self.authority(2)?;
            i = self.slash_segments(i)?;
        } else if self.at(0) == b'/' {
            i = self.path_absolute(0)?;
        } else if self.pchar(0) {
            i = self.segment(0, b':', false)?;
            i = self.slash_segments(i)?;
        }
        Some(self.tail(i))
    }

    fn uri_reference(&self) -> bool {
        self.absolute() == Some(true) || self.relative() == Some(true)
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers

const DECIMAL_PROBLEM: &str = "a decimal is digits with an optional leading + or - and at most one decimal point";
const INTEGER_PROBLEM: &str = "an integer is digits with an optional leading + or -";

/// A decimal number as digit strings: no leading zeros in `int`, no trailing zeros in `frac`,
/// and zero is never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dec<'a> {
    neg: bool,
    int: &'a [u8],
    frac: &'a [u8],
}

fn strip_leading_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|&&c| c == b'0').count();
    d.get(n..).unwrap_or_default()
}

fn strip_trailing_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().rev().take_while(|&&c| c == b'0').count();
    d.get(..d.len() - n).unwrap_or_default()
}

fn split_sign(s: &[u8]) -> (bool, &[u8]) {
    match s.first() {
        Some(b'-') => (true, s.get(1..).unwrap_or_default()),
        Some(b'+') => (false, s.get(1..).unwrap_or_default()),
        _ => (false, s),
    }
}

fn all_digits(s: &[u8]) -> bool {
    s.iter().all(u8::is_ascii_digit)
}

/// `(\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)`.
fn parse_decimal(s: &[u8]) -> Option<Dec<'_>> {
    let (neg, rest) = split_sign(s);
    let (int, frac) = match rest.iter().position(|&c| c == b'.') {
        Some(p) => (rest.get(..p)?, rest.get(p + 1..)?),
        None => (rest, &[][..]),
    };
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let int = strip_leading_zeros(int);
    let frac = strip_trailing_zeros(frac);
    Some(Dec { neg: neg && !(int.is_empty() && frac.is_empty()), int, frac })
}

/// `(\+|-)?[0-9]+`.
fn parse_integer(s: &[u8]) -> Option<Dec<'_>> {
    let (neg, digits) = split_sign(s);
    if digits.is_empty() || !all_digits(digits) {
        return None;
    }
    let int = strip_leading_zeros(digits);
    Some(Dec { neg: neg && !int.is_empty(), int, frac: &[] })
}

fn cmp_magnitude(a: &Dec<'_>, b: &Dec<'_>) -> Ordering {
    a.int.len().cmp(&b.int.len()).then_with(|| a.int.cmp(b.int)).then_with(|| a.frac.cmp(b.frac))
}

fn cmp_dec(a: &Dec<'_>, b: &Dec<'_>) -> Ordering {
    match (a.neg, b.neg) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => cmp_magnitude(a, b),
        (true, true) => cmp_magnitude(b, a),
    }
}

/// Inclusive bounds of the integer types, as integer literals (`None`: unbounded).
fn integer_bounds(b: Builtin) -> (Option<&'static str>, Option<&'static str>) {
    match b {
        Builtin::NonNegativeInteger => (Some("0"), None),
        Builtin::PositiveInteger => (Some("1"), None),
        Builtin::NonPositiveInteger => (None, Some("0")),
        Builtin::NegativeInteger => (None, Some("-1")),
        Builtin::Long => (Some("-9223372036854775808"), Some("9223372036854775807")),
        Builtin::Int => (Some("-2147483648"), Some("2147483647")),
        Builtin::Short => (Some("-32768"), Some("32767")),
        Builtin::Byte => (Some("-128"), Some("127")),
        Builtin::UnsignedLong => (Some("0"), Some("18446744073709551615")),
        Builtin::UnsignedInt => (Some("0"), Some("4294967295")),
        Builtin::UnsignedShort => (Some("0"), Some("65535")),
        Builtin::UnsignedByte => (Some("0"), Some("255")),
        _ => (None, None),
    }
}

fn check_integer(b: Builtin, s: &[u8]) -> Check {
    let Some(v) = parse_integer(s) else {
        return Err(INTEGER_PROBLEM);
    };
    let (min, max) = integer_bounds(b);
    if let Some(min) = min.and_then(|m| parse_integer(m.as_bytes())) {
        if cmp_dec(&v, &min) == Ordering::Less {
            return Err("the value is below the range of this type");
        }
    }
    if let Some(max) = max.and_then(|m| parse_integer(m.as_bytes())) {
        if cmp_dec(&v, &max) == Ordering::Greater {
            return Err("the value is above the range of this type");
        }
    }
    Ok(())
}

/// XSD 1.0 `float`/`double`: a decimal mantissa with an optional exponent, or `INF`, `-INF`,
/// `NaN` (`+INF` arrived only in XSD 1.1).
fn check_float(s: &[u8]) -> Check {
    match s {
        b"INF" | b"-INF" | b"NaN" => return Ok(()),
        b"+INF" => return Err("XML Schema 1.0 spells positive infinity INF, without +"),
        _ => {}
    }
    let (mantissa, exponent) = match s.iter().position(|&c| c == b'e' || c == b'E') {
        Some(p) => (s.get(..p).unwrap_or_default(), Some(s.get(p + 1..).unwrap_or_default())),
        None => (s, None),
    };
    if parse_decimal(mantissa).is_none() {
        return Err(if s.iter().any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E')) {
            "the special values are spelled exactly INF, -INF and NaN"
        } else {
            "a floating-point number is a decimal such as -1.5 with an optional exponent such as E10"
        });
    }
    if let Some(e) = exponent {
        let (_, digits) = split_sign(e);
        if digits.is_empty() || !all_digits(digits) {
            return Err("the exponent after E needs at least one digit, with an optional sign");
        }
    }
    Ok(())
}

/// Parses a lexically valid `float`/`double` as an `f64` (a float is rounded to `f32` first).
fn parse_float(b: Builtin, v: &str) -> Option<f64> {
    check_float(v.as_bytes()).ok()?;
    match v {
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        _ if b == Builtin::Float => v.parse::<f32>().ok().map(f64::from),
        _ => v.parse::<f64>().ok(),
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and times

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DateTime,
    Date,
    Time,
    GYear,
    GYearMonth,
}

/// A parsed date/time value; fields a kind lacks stay at their defaults.
#[derive(Debug, Clone, Copy, Default)]
struct Moment<'a> {
    neg: bool,
    /// Year digits without sign; empty for `time`.
    year: &'a [u8],
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    /// Digits after the decimal point of the seconds.
    frac: &'a [u8],
    /// Time zone offset in minutes east of UTC.
    tz: Option<i32>,
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8, problem: &'static str) -> Check {
        if self.eat(b) { Ok(()) } else { Err(problem) }
    }

    fn two_digits(&mut self, problem: &'static str) -> Result<u8, &'static str> {
        match (self.s.get(self.i), self.s.get(self.i + 1), self.s.get(self.i + 2)) {
            (Some(&a), Some(&b), c) if a.is_ascii_digit() && b.is_ascii_digit() => {
                if c.is_some_and(u8::is_ascii_digit) {
                    return Err(problem);
                }
                self.i += 2;
                Ok((a - b'0') * 10 + (b - b'0'))
            }
            _ => Err(problem),
        }
    }

    fn digits(&mut self) -> &'a [u8] {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.s.get(start..self.i).unwrap_or_default()
    }
}

/// Gregorian leap year rule applied to the year number as written (sign ignored: divisibility
/// does not depend on it), as in appendix E of XML Schema 1.0 and in libxml2.
fn is_leap(year_digits: &[u8]) -> bool {
    let r = year_digits.iter().fold(0u32, |r, &d| (r * 10 + u32::from(d.wrapping_sub(b'0'))) % 400);
    r % 4 == 0 && (r % 100 != 0 || r == 0)
}

fn days_in_month(year_digits: &[u8], month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year_digits) => 29,
        2 => 28,
        _ => 31,
    }
}

fn parse_moment(kind: Kind, s: &[u8]) -> Result<Moment<'_>, &'static str> {
    let mut c = Cursor { s, i: 0 };
    let mut m = Moment::default();
    if kind != Kind::Time {
        m.neg = c.eat(b'-');
        let year = c.digits();
        if year.is_empty() {
            return Err(if c.peek() == Some(b'+') {
                "a year may have a leading - but not a +"
            } else {
                "the value must start with a year of at least four digits"
            });
        }
        if year.len() < 4 {
            return Err("the year must have at least four digits (write 0999, not 999)");
        }
        if year.len() > 4 && year.first() == Some(&b'0') {
            return Err("a year of more than four digits may not start with 0");
        }
        if year.iter().all(|&d| d == b'0') {
            return Err("there is no year 0000 in XML Schema 1.0 (1 BCE is -0001)");
        }
        m.year = year;
        if kind != Kind::GYear {
            c.expect(b'-', "expected - and a two-digit month after the year")?;
            m.month = c.two_digits("the month must be two digits")?;
            if !(1..=12).contains(&m.month) {
                return Err("the month must be 01 to 12");
            }
            if matches!(kind, Kind::Date | Kind::DateTime) {
                c.expect(b'-', "expected - and a two-digit day after the month")?;
                m.day = c.two_digits("the day must be two digits")?;
                if m.day == 0 || m.day > 31 {
                    return Err("the day must be 01 to 31");
                }
                if m.day > days_in_month(m.year, m.month) {
                    return Err(if m.month == 2 && m.day == 29 {
                        "February 29 exists only in leap years"
                    } else {
                        "that month does not have this many days"
                    });
                }
            }
        }
    }
    if kind == Kind::DateTime {
        match c.peek() {
            Some(b'T') => c.i += 1,
            Some(b't') => return Err("the date and the time are separated by an uppercase T"),
            Some(b' ') => return Err("the date and the time are separated by T, not a space"),
            None => return Err("the time is missing: add T and hh:mm:ss"),
            Some(_) => return Err("expected T between the date and the time"),
        }
    }
    if matches!(kind, Kind::DateTime | Kind::Time) {
        m.hour = c.two_digits("the hour must be two digits")?;
        c.expect(b':', "expected : and two-digit minutes after the hour")?;
        m.minute = c.two_digits("the minutes must be two digits")?;
        c.expect(b':', "the seconds are missing (hh:mm:ss)")?;
        m.second = c.two_digits("the seconds must be two digits")?;
        if c.eat(b'.') {
            m.frac = c.digits();
            if m.frac.is_empty() {
                return Err("a decimal point in the seconds must be followed by at least one digit");
            }
        }
        if m.hour > 24 {
            return Err("the hour must be 00 to 23 (or 24 in 24:00:00)");
        }
        if m.minute > 59 {
            return Err("the minutes must be 00 to 59");
        }
        if m.second > 59 {
            return Err("the seconds must be 00 to 59 (XML Schema has no leap second)");
        }
        if m.hour == 24 && (m.minute != 0 || m.second != 0 || m.frac.iter().any(|&d| d != b'0')) {
            return Err("hour 24 is allowed only as 24:00:00");
        }
    }
    match c.peek() {
        None => {}
        Some(b'Z') => {
            c.i += 1;
            m.tz = Some(0);
        }
        Some(b'z') => return Err("the UTC time zone is an uppercase Z"),
        Some(sign @ (b'+' | b'-')) => {
            c.i += 1;
            const TZ: &str = "the time zone must be Z, +hh:mm or -hh:mm";
            let hh = c.two_digits(TZ)?;
            c.expect(b':', TZ)?;
            let mm = c.two_digits(TZ)?;
            if mm > 59 {
                return Err("the time zone minutes must be 00 to 59");
            }
            if hh > 14 || (hh == 14 && mm != 0) {
                return Err("the time zone offset must be between -14:00 and +14:00");
            }
            let off = i32::from(hh) * 60 + i32::from(mm);
            m.tz = Some(if sign == b'-' { -off } else { off });
        }
        Some(b'.') if kind == Kind::DateTime || kind == Kind::Time => {
            return Err("a fraction is allowed only on the seconds");
        }
        Some(b' ') => return Err("the value may not contain spaces"),
        Some(_) => {
            return Err(match kind {
                Kind::DateTime | Kind::Time => {
                    "unexpected character after the seconds (only a fraction and a time zone may follow)"
                }
                _ => "unexpected character (only a time zone may follow)",
            });
        }
    }
    if c.i < s.len() {
        return Err("unexpected characters after the time zone");
    }
    Ok(m)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (astronomical year numbering).
fn days_from_civil(y: i128, m: u8, d: u8) -> i128 {
    let (m, d) = (i128::from(m), i128::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds on a common time line (local time when there is no time zone) and the fraction digits
/// without trailing zeros. `None` for years of more than 18 digits.
fn moment_key<'a>(kind: Kind, m: &Moment<'a>) -> Option<(i128, &'a [u8])> {
    let mut secs = i128::from(m.hour) * 3600 + i128::from(m.minute) * 60 + i128::from(m.second);
    if kind == Kind::Time {
        // 24:00:00 is the same time value as 00:00:00.
        secs %= 86_400;
    } else {
        if m.year.len() > 18 {
            return None;
        }
        let y = m.year.iter().fold(0i128, |y, &d| y * 10 + i128::from(d.wrapping_sub(b'0')));
        // XML Schema 1.0 has no year 0: -0001 is 1 BCE, astronomical year 0.
        let astro = if m.neg { 1 - y } else { y };
        let month = m.month.max(1);
        let day = m.day.max(1);
        secs += days_from_civil(astro, month, day) * 86_400;
    }
    if let Some(tz) = m.tz {
        secs -= i128::from(tz) * 60;
    }
    Some((secs, strip_trailing_zeros(m.frac)))
}

fn compare_moments(kind: Kind, a: &str, b: &str) -> Option<Ordering> {
    let ma = parse_moment(kind, a.as_bytes()).ok()?;
    let mb = parse_moment(kind, b.as_bytes()).ok()?;
    let ka = moment_key(kind, &ma)?;
    let kb = moment_key(kind, &mb)?;
    const FOURTEEN_HOURS: i128 = 14 * 3600;
    match (ma.tz.is_some(), mb.tz.is_some()) {
        (true, true) | (false, false) => Some(ka.cmp(&kb)),
        // XML Schema 1.0 §3.2.7.4: a value without time zone may lie anywhere within ±14:00.
        (true, false) => {
            if ka < (kb.0 - FOURTEEN_HOURS, kb.1) {
                Some(Ordering::Less)
            } else if ka > (kb.0 + FOURTEEN_HOURS, kb.1) {
                Some(Ordering::Greater)
            } else {
                None
            }
        }
        (false, true) => {
            if kb < (ka.0 - FOURTEEN_HOURS, ka.1) {
                Some(Ordering::Greater)
            } else if kb > (ka.0 + FOURTEEN_HOURS, ka.1) {
                Some(Ordering::Less)
            } else {
                None
            }
        }
    }
}

fn check_duration(s: &[u8]) -> Check {
    let mut c = Cursor { s, i: 0 };
    c.eat(b'-');
    match c.peek() {
        Some(b'P') => c.i += 1,
        Some(b'p') => return Err("a duration starts with an uppercase P"),
        Some(b'+') => return Err("a duration may start with - but not with +"),
        _ => return Err("a duration starts with P (or -P)"),
    }
    // Designator positions: Y M D before T, H M S after it.
    let mut next_allowed = 0u8;
    let mut in_time = false;
    let mut any = false;
    let mut any_time = false;
    while c.peek().is_some() {
        if c.eat(b'T') {
            if in_time {
                return Err("T may appear only once in a duration");
            }
            in_time = true;
            next_allowed = 3;
            continue;
        }
        let int = c.digits();
        let frac = if c.eat(b'.') { Some(c.digits()) } else { None };
        if int.is_empty() && frac.is_none_or(<[u8]>::is_empty) {
            return Err(match c.peek() {
                Some(b't') => "the time part of a duration starts with an uppercase T",
                Some(b' ') => "a duration may not contain spaces",
                Some(b'-' | b'+') => "the parts of a duration may not have signs (write -P1D, not P-1D)",
                _ => "each part of a duration is a number followed by Y, M, D, H, M or S",
            });
        }
        let pos = match (in_time, c.peek()) {
            (false, Some(b'Y')) => 0,
            (false, Some(b'M')) => 1,
            (false, Some(b'D')) => 2,
            (true, Some(b'H')) => 3,
            (true, Some(b'M')) => 4,
            (true, Some(b'S')) => 5,
            (false, Some(b'H' | b'S')) => return Err("hours, minutes and seconds come after T"),
            (true, Some(b'Y' | b'D')) => return Err("years, months and days come before T"),
            (_, Some(b'y' | b'm' | b'd' | b'h' | b's')) => {
                return Err("duration designators are uppercase: Y, M, D, H, M, S");
            }
            (_, None) => return Err("the last number of the duration has no designator"),
            _ => return Err("each number must be followed by a designator Y, M, D, H, M or S"),
        };
        c.i += 1;
        if pos < next_allowed {
            return Err("the parts of a duration appear at most once each, in the order Y M D T H M S");
        }
        if frac.is_some() && pos != 5 {
            return Err("only the seconds of a duration may have a fraction");
        }
        next_allowed = pos + 1;
        any = true;
        any_time |= in_time;
    }
    if !any {
        return Err("a duration needs at least one part, such as P1D or PT0S");
    }
    if in_time && !any_time {
        return Err("T must be followed by at least one of hours, minutes or seconds");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Binary

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// The base64 alphabet (data characters, not `=`).
const B64_ALPHABET: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c == b'+' as usize || c == b'/' as usize;
        c += 1;
    }
    t
};

/// Validates against the base64Binary grammar of XML Schema 1.0 second edition (§3.2.16) and
/// returns the number of octets encoded.
fn base64_octets(s: &[u8]) -> Result<usize, &'static str> {
    let mut n = 0usize;
    let mut pad = 0usize;
    let mut prev_space = false;
    let mut last = 0u8;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if B64_ALPHABET[b as usize] {
            // A run of data characters (most of the value) in one tight loop.
            if pad > 0 {
                return Err("= padding may appear only at the end of base64");
            }
            let run = i;
            while i < s.len() && B64_ALPHABET[s[i] as usize] {
                i += 1;
            }
            n += i - run;
            last = base64_value(s[i - 1]).unwrap_or(0);
            prev_space = false;
            continue;
        }
        let at = i;
        i += 1;
        if b == b' ' {
            if at == 0 || prev_space || at + 1 == s.len() {
                return Err("spaces in base64 must be single and between characters");
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
        if b == b'=' {
            pad += 1;
            if pad > 2 {
                return Err("base64 has at most two = padding characters");
            }
            n += 1;
            continue;
        }
        if pad > 0 {
            return Err("= padding may appear only at the end of base64");
        }
        last = base64_value(b).ok_or(if is_xml_ws_byte(b) {
            "base64 may contain spaces but no tabs or line breaks (after whitespace collapsing)"
        } else {
            "base64 uses only A-Z, a-z, 0-9, +, / and = padding"
        })?;
        n += 1;
    }
    if n % 4 != 0 {
        return Err("base64 characters (without spaces) come in groups of four; check the padding");
    }
    match pad {
        1 if last & 0b11 != 0 => {
            Err("before = the last character must be one of AEIMQUYcgkosw048 (its unused bits are zero)")
        }
        2 if last & 0b1111 != 0 => Err("before == the last character must be one of A, Q, g or w"),
        _ => Ok(n / 4 * 3 - pad),
    }
}

// ---------------------------------------------------------------------------------------------
// Ordering and length

/// The order of two values for the range facets: exact for `decimal` and the integer types
/// (compared as digit strings, any length), IEEE order for `float`/`double` (`NaN` compares as
/// `None`), and the XML Schema 1.0 partial order for `dateTime`, `date`, `time`, `gYear` and
/// `gYearMonth` (values with and without time zone compare only when they differ by more than
/// 14 hours; years of more than 18 digits give `None`). `None` for invalid values and for all
/// other types, including `duration`.
pub fn compare(b: Builtin, a: &str, b_value: &str) -> Option<Ordering> {
    match b {
        Builtin::Decimal => Some(cmp_dec(&parse_decimal(a.as_bytes())?, &parse_decimal(b_value.as_bytes())?)),
        Builtin::Integer
        | Builtin::NonNegativeInteger
        | Builtin::PositiveInteger
        | Builtin::NonPositiveInteger
        | Builtin::NegativeInteger
        | Builtin::Long
        | Builtin::Int
        | Builtin::Short
        | Builtin::Byte
        | Builtin::UnsignedLong
        | Builtin::UnsignedInt
        | Builtin::UnsignedShort
        | Builtin::UnsignedByte => Some(cmp_dec(&parse_integer(a.as_bytes())?, &parse_integer(b_value.as_bytes())?)),
        Builtin::Float | Builtin::Double => parse_float(b, a)?.partial_cmp(&parse_float(b, b_value)?),
        Builtin::DateTime => compare_moments(Kind::DateTime, a, b_value),
        Builtin::Date => compare_moments(Kind::Date, a, b_value),
        Builtin::Time => compare_moments(Kind::Time, a, b_value),
        Builtin::GYear => compare_moments(Kind::GYear, a, b_value),
        Builtin::GYearMonth => compare_moments(Kind::GYearMonth, a, b_value),
        _ => None,
    }
}

/// The measure the length facets apply to: octets for `base64Binary` and `hexBinary`, items for
/// `NMTOKENS` and `IDREFS`, characters (Unicode scalar values) for everything else. Invalid
/// binary values get a best-effort estimate.
pub fn length(b: Builtin, value: &str) -> usize {
    match b {
        Builtin::Base64Binary => base64_octets(value.as_bytes()).unwrap_or_else(|_| {
            let data = value.bytes().filter(|&c| base64_value(c).is_some()).count();
            data * 3 / 4
        }),
        Builtin::HexBinary => value.len() / 2,
        Builtin::NmTokens | Builtin::IdRefs => list_items(value).count(),
        _ => value.chars().count(),
    }
}

// ---------------------------------------------------------------------------------------------
// Regular expressions (XML Schema 1.0 Part 2, appendix F)

/// Translates an XML Schema regular expression into a Rust [`regex::Regex`] that must match the
/// whole value (`^(?:...)$`). `.`, `\s`, `\w`, `\i`, `\c` (and negations) get their XML Schema
/// meaning, `\d` is `\p{Nd}`, `\p{..}` accepts the XML Schema general categories and `Is` block
/// names, and character class subtraction `[a-z-[aeiou]]` becomes a Rust class difference.
/// Constructs XML Schema does not have (lazy quantifiers, `{,n}`, unknown escapes, unescaped
/// `]`/`}`) are errors naming the construct.
pub fn compile_pattern(xsd_regex: &str) -> Result<regex::Regex, String> {
    let mut t = Translator { c: xsd_regex.chars().collect(), i: 0, out: String::new() };
    t.reg_exp().map_err(|e| format!("pattern {xsd_regex:?}: {e}"))?;
    if t.i < t.c.len() {
        return Err(format!("pattern {xsd_regex:?}: unbalanced ) at character {}", t.i + 1));
    }
    let anchored = format!("^(?:{})$", t.out);
    regex::Regex::new(&anchored)
        .map_err(|e| format!("pattern {xsd_regex:?}: translated to {anchored:?}, which does not compile: {e}"))
}

/// The XML Schema 1.0 general category names usable in `\p{..}`.
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi",
    "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C", "Cc", "Cf", "Co", "Cn",
];

/// The block names of XML Schema 1.0 appendix F (Unicode 3.1 blocks) and their ranges.
const BLOCKS: &[(&str, &[(u32, u32)])] = &[
    ("BasicLatin", &[(0x0000, 0x007F)]),
    ("Latin-1Supplement", &[(0x0080, 0x00FF)]),
    ("LatinExtended-A", &[(0x0100, 0x017F)]),
    ("LatinExtended-B", &[(0x0180, 0x024F)]),
    ("IPAExtensions", &[(0x0250, 0x02AF)]),
    ("SpacingModifierLetters", &[(0x02B0, 0x02FF)]),
    ("CombiningDiacriticalMarks", &[(0x0300, 0x036F)]),
    ("Greek", &[(0x0370, 0x03FF)]),
    ("Cyrillic", &[(0x0400, 0x04FF)]),
    ("Armenian", &[(0x0530, 0x058F)]),
    ("Hebrew", &[(0x0590, 0x05FF)]),
    ("Arabic", &[(0x0600, 0x06FF)]),
    ("Syriac", &[(0x0700, 0x074F)]),
    ("Thaana", &[(0x0780, 0x07BF)]),
    ("Devanagari", &[(0x0900, 0x097F)]),
    ("Bengali", &[(0x0980, 0x09FF)]),
    ("Gurmukhi", &[(0x0A00, 0x0A7F)]),
    ("Gujarati", &[(0x0A80, 0x0AFF)]),
    ("Oriya", &[(0x0B00, 0x0B7F)]),
    ("Tamil", &[(0x0B80, 0x0BFF)]),
    ("Telugu", &[(0x0C00, 0x0C7F)]),
    ("Kannada", &[(0x0C80, 0x0CFF)]),
    ("Malayalam", &[(0x0D00, 0x0D7F)]),
    ("Sinhala", &[(0x0D80, 0x0DFF)]),
    ("Thai", &[(0x0E00, 0x0E7F)]),
    ("Lao", &[(0x0E80, 0x0EFF)]),
    ("Tibetan", &[(0x0F00, 0x0FFF)]),
    ("Myanmar", &[(0x1000, 0x109F)]),
    ("Georgian", &[(0x10A0, 0x10FF)]),
    ("HangulJamo", &[(0x1100, 0x11FF)]),
    ("Ethiopic", &[(0x1200, 0x137F)]),
    ("Cherokee", &[(0x13A0, 0x13FF)]),
    ("UnifiedCanadianAboriginalSyllabics", &[(0x1400, 0x167F)]),
    ("Ogham", &[(0x1680, 0x169F)]),
    ("Runic", &[(0x16A0, 0x16FF)]),
    ("Khmer", &[(0x1780, 0x17FF)]),
    ("Mongolian", &[(0x1800, 0x18AF)]),
    ("LatinExtendedAdditional", &[(0x1E00, 0x1EFF)]),
    ("GreekExtended", &[(0x1F00, 0x1FFF)]),
    ("GeneralPunctuation", &[(0x2000, 0x206F)]),
    ("SuperscriptsandSubscripts", &[(0x2070, 0x209F)]),
    ("CurrencySymbols", &[(0x20A0, 0x20CF)]),
    ("CombiningMarksforSymbols", &[(0x20D0, 0x20FF)]),
    ("LetterlikeSymbols", &[(0x2100, 0x214F)]),
    ("NumberForms", &[(0x2150, 0x218F)]),
    ("Arrows", &[(0x2190, 0x21FF)]),
    ("MathematicalOperators", &[(0x2200, 0x22FF)]),
    ("MiscellaneousTechnical", &[(0x2300, 0x23FF)]),
    ("ControlPictures", &[(0x2400, 0x243F)]),
    ("OpticalCharacterRecognition", &[(0x2440, 0x245F)]),
    ("EnclosedAlphanumerics", &[(0x2460, 0x24FF)]),
    ("BoxDrawing", &[(0x2500, 0x257F)]),
    ("BlockElements", &[(0x2580, 0x259F)]),
    ("GeometricShapes", &[(0x25A0, 0x25FF)]),
    ("MiscellaneousSymbols", &[(0x2600, 0x26FF)]),
    ("Dingbats", &[(0x2700, 0x27BF)]),
    ("BraillePatterns", &[(0x2800, 0x28FF)]),
    ("CJKRadicalsSupplement", &[(0x2E80, 0x2EFF)]),
    ("KangxiRadicals", &[(0x2F00, 0x2FDF)]),
    ("IdeographicDescriptionCharacters", &[(0x2FF0, 0x2FFF)]),
    ("CJKSymbolsandPunctuation", &[(0x3000, 0x303F)]),
    ("Hiragana", &[(0x3040, 0x309F)]),
    ("Katakana", &[(0x30A0, 0x30FF)]),
    ("Bopomofo", &[(0x3100, 0x312F)]),
    ("HangulCompatibilityJamo", &[(0x3130, 0x318F)]),
    ("Kanbun", &[(0x3190, 0x319F)]),
    ("BopomofoExtended", &[(0x31A0, 0x31BF)]),
    ("EnclosedCJKLettersandMonths", &[(0x3200, 0x32FF)]),
    ("CJKCompatibility", &[(0x3300, 0x33FF)]),
    ("CJKUnifiedIdeographsExtensionA", &[(0x3400, 0x4DB5)]),
    ("CJKUnifiedIdeographs", &[(0x4E00, 0x9FFF)]),
    ("YiSyllables", &[(0xA000, 0xA48F)]),
    ("YiRadicals", &[(0xA490, 0xA4CF)]),
    ("HangulSyllables", &[(0xAC00, 0xD7A3)]),
    ("HighSurrogates", &[]),
    ("HighPrivateUseSurrogates", &[]),
    ("LowSurrogates", &[]),
    ("PrivateUse", &[(0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)]),
    ("CJKCompatibilityIdeographs", &[(0xF900, 0xFAFF)]),
    ("AlphabeticPresentationForms", &[(0xFB00, 0xFB4F)]),
    ("ArabicPresentationForms-A", &[(0xFB50, 0xFDFF)]),
    ("CombiningHalfMarks", &[(0xFE20, 0xFE2F)]),
    ("CJKCompatibilityForms", &[(0xFE30, 0xFE4F)]),
    ("SmallFormVariants", &[(0xFE50, 0xFE6F)]),
    ("ArabicPresentationForms-B", &[(0xFE70, 0xFEFE)]),
    ("Specials", &[(0xFEFF, 0xFEFF), (0xFFF0, 0xFFFD)]),
    ("HalfwidthandFullwidthForms", &[(0xFF00, 0xFFEF)]),
    ("OldItalic", &[(0x10300, 0x1032F)]),
    ("Gothic", &[(0x10330, 0x1034F)]),
    ("Deseret", &[(0x10400, 0x1044F)]),
    ("ByzantineMusicalSymbols", &[(0x1D000, 0x1D0FF)]),
    ("MusicalSymbols", &[(0x1D100, 0x1D1FF)]),
    ("MathematicalAlphanumericSymbols", &[(0x1D400, 0x1D7FF)]),
    ("CJKUnifiedIdeographsExtensionB", &[(0x20000, 0x2A6D6)]),
    ("CJKCompatibilityIdeographsSupplement", &[(0x2F800, 0x2FA1F)]),
    ("Tags", &[(0xE0000, 0xE007F)]),
];

/// A Rust class matching exactly the given code point ranges (or, negated, all others).
fn ranges_class(ranges: &[(u32, u32)], negated: bool) -> String {
    if ranges.is_empty() {
        // Surrogate blocks: no Rust string contains them.
        return if negated { r"[\x{0}-\x{10FFFF}]".to_owned() } else { r"[a&&b]".to_owned() };
    }
    let mut s = String::from(if negated { "[^" } else { "[" });
    for &(lo, hi) in ranges {
        if lo == hi {
            s.push_str(&format!(r"\x{{{lo:X}}}"));
        } else {
            s.push_str(&format!(r"\x{{{lo:X}}}-\x{{{hi:X}}}"));
        }
    }
    s.push(']');
    s
}

/// The result of an escape: one character (usable as a range endpoint) or a whole class.
enum Esc {
    Char(char),
    Class(String),
}

struct Translator {
    c: Vec<char>,
    i: usize,
    out: String,
}

/// A character written so that Rust's parser reads it literally, inside or outside a class.
fn push_literal(out: &mut String, ch: char) {
    if ch.is_ascii_alphanumeric() {
        out.push(ch);
    } else {
        out.push_str(&format!(r"\x{{{:X}}}", ch as u32));
    }
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.c.get(self.i + k).copied()
    }

    fn reg_exp(&mut self) -> Result<(), String> {
        self.branch()?;
        while self.peek() == Some('|') {
            self.i += 1;
            self.out.push('|');
            self.branch()?;
        }
        Ok(())
    }

    fn branch(&mut self) -> Result<(), String> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.atom()?;
            self.quantifier()?;
            if let Some(q @ ('?' | '*' | '+' | '{')) = self.peek() {
                return Err(format!(
                    "{q} after a quantifier at character {}: XML Schema has no lazy or possessive \
                     quantifiers and a quantifier cannot be repeated",
                    self.i + 1
                ));
            }
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), String> {
        let at = self.i + 1;
        let Some(c) = self.peek() else { return Ok(()) };
        self.i += 1;
        match c {
            '(' => {
                self.out.push_str("(?:");
                self.reg_exp()?;
                if self.peek() != Some(')') {
                    return Err(format!("the group opened at character {at} is not closed"));
                }
                self.i += 1;
                self.out.push(')');
            }
            '[' => {
                let class = self.char_class_expr(at)?;
                self.out.push_str(&class);
            }
            '\\' => match self.escape()? {
                Esc::Char(ch) => push_literal(&mut self.out, ch),
                Esc::Class(class) => self.out.push_str(&class),
            },
            '.' => self.out.push_str(r"[^\n\r]"),
            '?' | '*' | '+' | '{' => {
                return Err(format!("quantifier {c} at character {at} has nothing to repeat (escape it as \\{c})"));
            }
            ']' | '}' => return Err(format!("{c} at character {at} must be escaped as \\{c}")),
            other => push_literal(&mut self.out, other),
        }
        Ok(())
    }

    fn number(&mut self) -> Result<Option<u32>, String> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if start == self.i {
            return Ok(None);
        }
        let digits: String = self.c.get(start..self.i).unwrap_or_default().iter().collect();
        digits.parse::<u32>().map(Some).map_err(|_| format!("repetition count {digits} is too large"))
    }

    fn quantifier(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(q @ ('?' | '*' | '+')) => {
                self.i += 1;
                self.out.push(q);
            }
            Some('{') => {
                let at = self.i + 1;
                self.i += 1;
                let bad = || format!("malformed quantifier at character {at}: use {{n}}, {{n,}} or {{n,m}}");
                let min = self.number()?.ok_or_else(bad)?;
                let comma = self.peek() == Some(',');
                let max = if comma {
                    self.i += 1;
                    self.number()?
                } else {
                    Some(min)
                };
                if self.peek() != Some('}') {
                    return Err(bad());
                }
                self.i += 1;
                match max {
                    Some(max) if max < min => {
                        return Err(format!("quantifier {{{min},{max}}} at character {at} has max < min"));
                    }
                    Some(max) if !comma => self.out.push_str(&format!("{{{max}}}")),
                    Some(max) => self.out.push_str(&format!("{{{min},{max}}}")),
                    None => self.out.push_str(&format!("{{{min},}}")),
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<Esc, String> {
        let at = self.i;
        let Some(c) = self.peek() else {
            return Err("the pattern ends with a lone backslash".to_owned());
        };
        self.i += 1;
        let class = |s: &str| Ok(Esc::Class(s.to_owned()));
        match c {
            'n' => Ok(Esc::Char('\n')),
            'r' => Ok(Esc::Char('\r')),
            't' => Ok(Esc::Char('\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => Ok(Esc::Char(c)),
            's' => class(r"[\t\n\r\x20]"),
            'S' => class(r"[^\t\n\r\x20]"),
            'd' => class(r"\p{Nd}"),
            'D' => class(r"\P{Nd}"),
            'w' => class(r"[^\p{P}\p{Z}\p{C}]"),
            'W' => class(r"[\p{P}\p{Z}\p{C}]"),
            'i' => Ok(Esc::Class(ranges_class(NAME_START_RANGES, false))),
            'I' => Ok(Esc::Class(ranges_class(NAME_START_RANGES, true))),
            'c' | 'C' => {
                let mut all: Vec<(u32, u32)> = NAME_START_RANGES.to_vec();
                all.extend_from_slice(NAME_EXTRA_RANGES);
                Ok(Esc::Class(ranges_class(&all, c == 'C')))
            }
            'p' | 'P' => self.property(c == 'P', at),
            other => Err(format!("\\{other} at character {at} is not an XML Schema escape")),
        }
    }

    fn property(&mut self, negated: bool, at: usize) -> Result<Esc, String> {
        if self.peek() != Some('{') {
            return Err(format!("\\p at character {at} must be followed by {{name}}"));
        }
        self.i += 1;
        let start = self.i;
        while self.peek().is_some_and(|c| c != '}') {
            self.i += 1;
        }
        if self.peek() != Some('}') {
            return Err(format!("\\p{{ at character {at} is not closed"));
        }
        let name: String = self.c.get(start..self.i).unwrap_or_default().iter().collect();
        self.i += 1;
        if CATEGORIES.contains(&name.as_str()) {
            return Ok(Esc::Class(format!(r"\{}{{{name}}}", if negated { 'P' } else { 'p' })));
        }
        if let Some(block) = name.strip_prefix("Is") {
            if let Some((_, ranges)) = BLOCKS.iter().find(|(n, _)| *n == block) {
                return Ok(Esc::Class(ranges_class(ranges, negated)));
            }
            return Err(format!("\\p{{{name}}} at character {at}: unknown Unicode block {block}"));
        }
        Err(format!("\\p{{{name}}} at character {at}: not an XML Schema category or Is<Block> name"))
    }

    /// After `[`; returns a Rust class.
    fn char_class_expr(&mut self, at: usize) -> Result<String, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.i += 1;
        }
        let mut items = String::new();
        let mut count = 0usize;
        let mut subtract = None;
        loop {
            let Some(c) = self.peek() else {
                return Err(format!("the character class opened at character {at} is not closed"));
            };
            match c {
                ']' => {
                    self.i += 1;
                    if count == 0 {
                        return Err(format!("empty character class at character {at}"));
                    }
                    break;
                }
                '-' if self.peek_at(1) == Some('[') => {
                    if count == 0 {
                        return Err(format!("character class at character {at} subtracts from nothing"));
                    }
                    let sub_at = self.i + 2;
                    self.i += 2;
                    subtract = Some(self.char_class_expr(sub_at)?);
                    if self.peek() != Some(']') {
                        return Err(format!(
                            "a subtraction -[...] must end the character class opened at character {at}"
                        ));
                    }
                    self.i += 1;
                    break;
                }
                '-' if count == 0 || self.peek_at(1) == Some(']') => {
                    self.i += 1;
                    push_literal(&mut items, '-');
                    count += 1;
                }
                '-' => {
                    return Err(format!(
                        "- at character {} must be escaped as \\- (it is literal only at the start or end of a class)",
                        self.i + 1
                    ));
                }
                '[' => {
                    return Err(format!("[ at character {} must be escaped as \\[ inside a class", self.i + 1));
                }
                _ => {
                    let lo = self.class_char()?;
                    let range_follows = self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']' | '[') | None);
                    match lo {
                        Esc::Class(class) => {
                            if range_follows {
                                return Err(format!(
                                    "a multi-character escape cannot start a range (character {})",
                                    self.i
                                ));
                            }
                            items.push_str(&class);
                        }
                        Esc::Char(lo) if range_follows => {
                            self.i += 1;
                            let hi_at = self.i + 1;
                            let hi = match self.peek() {
                                Some('[' | ']' | '-') | None => None,
                                _ => match self.class_char()? {
                                    Esc::Char(hi) => Some(hi),
                                    Esc::Class(_) => None,
                                },
                            };
                            let Some(hi) = hi else {
                                return Err(format!("bad end of the range at character {hi_at}"));
                            };
                            if hi < lo {
                                return Err(format!("range {lo:?}-{hi:?} at character {hi_at} is reversed"));
                            }
                            push_literal(&mut items, lo);
                            items.push('-');
                            push_literal(&mut items, hi);
                        }
                        Esc::Char(lo) => push_literal(&mut items, lo),
                    }
                    count += 1;
                }
            }
        }
        let group = format!("[{}{items}]", if negated { "^" } else { "" });
        Ok(match subtract {
            Some(sub) => format!("[{group}--{sub}]"),
            None => group,
        })
    }

    /// One character or escape inside a class.
    fn class_char(&mut self) -> Result<Esc, String> {
        let Some(c) = self.peek() else {
            return Err("unterminated character class".to_owned());
        };
        self.i += 1;
        if c == '\\' { self.escape() } else { Ok(Esc::Char(c)) }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Ordering::{Equal, Greater, Less};

    const ALL: &[Builtin] = &[
        Builtin::AnySimpleType,
        Builtin::String,
        Builtin::NormalizedString,
        Builtin::Token,
        Builtin::Language,
        Builtin::LanguageOrEmpty,
        Builtin::NmToken,
        Builtin::NmTokens,
        Builtin::Name,
        Builtin::NcName,
        Builtin::Id,
        Builtin::IdRef,
        Builtin::IdRefs,
        Builtin::QName,
        Builtin::AnyUri,
        Builtin::Boolean,
        Builtin::Decimal,
        Builtin::Integer,
        Builtin::NonNegativeInteger,
        Builtin::PositiveInteger,
        Builtin::NonPositiveInteger,
        Builtin::NegativeInteger,
        Builtin::Long,
        Builtin::Int,
        Builtin::Short,
        Builtin::Byte,
        Builtin::UnsignedLong,
        Builtin::UnsignedInt,
        Builtin::UnsignedShort,
        Builtin::UnsignedByte,
        Builtin::Float,
        Builtin::Double,
        Builtin::DateTime,
        Builtin::Date,
        Builtin::Time,
        Builtin::Duration,
        Builtin::GYear,
        Builtin::GYearMonth,
        Builtin::Base64Binary,
        Builtin::HexBinary,
    ];

    /// Asserts every value in `good` passes and every value in `bad` fails.
    fn table(b: Builtin, good: &[&str], bad: &[&str]) {
        for v in good {
            assert!(check(b, v).is_ok(), "{b:?} should accept {v:?}: {:?}", check(b, v));
        }
        for v in bad {
            assert!(check(b, v).is_err(), "{b:?} should reject {v:?}");
        }
    }

    // -----------------------------------------------------------------------------------------
    // Whitespace

    #[test]
    fn whitespace_facets() {
        assert_eq!(whitespace(Builtin::String), Whitespace::Preserve);
        assert_eq!(whitespace(Builtin::AnySimpleType), Whitespace::Preserve);
        assert_eq!(whitespace(Builtin::NormalizedString), Whitespace::Replace);
        for &b in ALL {
            if !matches!(b, Builtin::String | Builtin::AnySimpleType | Builtin::NormalizedString) {
                assert_eq!(whitespace(b), Whitespace::Collapse, "{b:?}");
            }
        }
    }

    #[test]
    fn normalize_cases() {
        let cases: &[(Whitespace, &str, &str)] = &[
            (Whitespace::Preserve, " a\t b\n", " a\t b\n"),
            (Whitespace::Replace, " a\t b\n", " a  b "),
            (Whitespace::Replace, "a\r\nb", "a  b"),
            (Whitespace::Collapse, " a\t b\n", "a b"),
            (Whitespace::Collapse, "  a   b  ", "a b"),
            (Whitespace::Collapse, "\n\t", ""),
            (Whitespace::Collapse, "", ""),
            (Whitespace::Collapse, "a\u{A0}b", "a\u{A0}b"),
            (Whitespace::Collapse, "\u{2003}a", "\u{2003}a"),
            (Whitespace::Collapse, "é \r\n ü", "é ü"),
        ];
        for &(ws, raw, want) in cases {
            assert_eq!(normalize(ws, raw), want, "{ws:?} {raw:?}");
        }
    }

    #[test]
    fn normalize_borrows_when_unchanged() {
        assert!(matches!(normalize(Whitespace::Collapse, "a b c"), Cow::Borrowed(_)));
        assert!(matches!(normalize(Whitespace::Collapse, "  a b  "), Cow::Borrowed("a b")));
        assert!(matches!(normalize(Whitespace::Replace, "a  b "), Cow::Borrowed(_)));
        assert!(matches!(normalize(Whitespace::Preserve, "\t"), Cow::Borrowed(_)));
        assert!(matches!(normalize(Whitespace::Collapse, "a  b"), Cow::Owned(_)));
        assert!(matches!(normalize(Whitespace::Replace, "a\tb"), Cow::Owned(_)));
    }

    // -----------------------------------------------------------------------------------------
    // Dates and times

    #[test]
    fn date_time_table() {
        table(
            Builtin::DateTime,
            &[
                "2016-11-01T12:30:00Z",
                "2016-11-01T12:30:00",
                "2016-11-01T12:30:00.5Z",
                "2016-11-01T12:30:00.123456789012345678901234567890+05:30",
                "2016-11-01T23:59:59-14:00",
                "2016-11-01T00:00:00+14:00",
                "2016-11-01T00:00:00+13:59",
                "2016-11-01T00:00:00-00:00",
                "2016-11-01T24:00:00",
                "2016-11-01T24:00:00.000Z",
                "2000-02-29T00:00:00",
                "2004-02-29T00:00:00",
                "1600-02-29T00:00:00",
                "-0004-02-29T00:00:00",
                "-0400-02-29T00:00:00",
                "-0001-01-01T00:00:00",
                "0001-01-01T00:00:00",
                "12016-11-01T12:30:00Z",
                "99999999999999999999-01-01T00:00:00",
                "2016-01-31T00:00:00",
                "2016-03-31T00:00:00",
                "2016-04-30T00:00:00",
                "2016-12-31T00:00:00",
                "2016-11-01T12:00:59.99999999999999999999",
            ],
            &[
                "",
                "2016-11-01",
                "2016-11-01T",
                "2016-11-01T12:30",
                "2016-11-01T12:30Z",
                "2016-11-01T12:30:0",
                "2016-11-01T12:30:000",
                "2016-11-01 12:30:00",
                "2016-11-01t12:30:00",
                "2016-11-01T12:30:00z",
                "2016-11-01T12:30:00 Z",
                " 2016-11-01T12:30:00",
                "2016-11-01T12:30:00 ",
                "2016-13-01T00:00:00",
                "2016-00-01T00:00:00",
                "2016-11-00T00:00:00",
                "2016-11-31T00:00:00",
                "2016-01-32T00:00:00",
                "2015-02-29T00:00:00",
                "1900-02-29T00:00:00",
                "2016-02-30T00:00:00",
                "-0001-02-29T00:00:00",
                "-0005-02-29T00:00:00",
                "2016-11-01T25:00:00",
                "2016-11-01T24:00:01",
                "2016-11-01T24:01:00",
                "2016-11-01T24:00:00.001",
                "2016-11-01T12:60:00",
                "2016-11-01T12:00:60",
                "2016-11-01T12:00:00.",
                "2016-11-01T12:00:00.Z",
                "2016-11-01T12:00:00+15:00",
                "2016-11-01T12:00:00+14:01",
                "2016-11-01T12:00:00-14:30",
                "2016-11-01T12:00:00+05:60",
                "2016-11-01T12:00:00+0530",
                "2016-11-01T12:00:00+5:30",
                "2016-11-01T12:00:00+05",
                "2016-11-01T12:00:00ZZ",
                "2016-11-01T12:00:00Z+01:00",
                "0000-01-01T00:00:00",
                "-0000-01-01T00:00:00",
                "00000-01-01T00:00:00",
                "016-11-01T00:00:00",
                "02016-11-01T00:00:00",
                "+2016-11-01T00:00:00",
                "--2016-11-01T00:00:00",
                "2016-1-01T00:00:00",
                "2016-11-1T00:00:00",
                "2016/11/01T00:00:00",
                "2016-11-01T1:00:00",
                "2016-11-01T12:00:00.5.5",
                "２０１６-11-01T00:00:00",
                "2016-11-01T12:00:00\u{0}",
            ],
        );
    }

    #[test]
    fn date_and_partial_table() {
        table(
            Builtin::Date,
            &["2016-11-01", "2016-11-01Z", "2016-11-01+01:00", "-0044-03-15", "2000-02-29", "123456-12-31"],
            &[
                "2016-11-01T00:00:00",
                "2016-11",
                "2016-11-31",
                "2017-02-29",
                "2016-11-01z",
                "16-11-01",
                "2016-11-01+24:00",
            ],
        );
        table(
            Builtin::Time,
            &["12:30:00", "00:00:00Z", "23:59:59.999-05:00", "24:00:00", "24:00:00.0+01:00"],
            &[
                "12:30",
                "1:30:00",
                "25:00:00",
                "24:00:01",
                "12:60:00",
                "12:00:60",
                "T12:00:00",
                "12:00:00+15:00",
                "2016-11-01T12:00:00",
            ],
        );
        table(
            Builtin::GYear,
            &["2016", "2016Z", "-0001", "10000", "2016+14:00", "0001"],
            &["16", "0000", "-0000", "02016", "2016-11", "2016z", "+2016", "2016 "],
        );
        table(
            Builtin::GYearMonth,
            &["2016-11", "2016-02Z", "-0001-12", "2016-12-05:00"],
            &["2016-13", "2016-00", "2016-1", "2016-11-01", "2016", "0000-01"],
        );
    }

    #[test]
    fn date_errors_say_what_is_wrong() {
        let e = check(Builtin::DateTime, "2015-02-29T00:00:00").unwrap_err();
        assert!(e.problem.contains("leap"), "{e}");
        assert!(e.expected.contains("2016-11-01T12:30:00Z"));
        let e = check(Builtin::DateTime, "2016-11-01t00:00:00").unwrap_err();
        assert!(e.problem.contains("uppercase T"), "{e}");
        let e = check(Builtin::DateTime, "2016-11-01T00:00:00+15:00").unwrap_err();
        assert!(e.problem.contains("14:00"), "{e}");
        let e = check(Builtin::DateTime, "2016-11-01T12:30Z").unwrap_err();
        assert!(e.problem.contains("seconds are missing"), "{e}");
        let e = check(Builtin::GYear, "0000").unwrap_err();
        assert!(e.problem.contains("0000"), "{e}");
        assert!(e.to_string().starts_with("expected an xs:gYear"));
    }

    #[test]
    fn duration_table() {
        table(
            Builtin::Duration,
            &[
                "P1Y",
                "P1M",
                "P1D",
                "PT1H",
                "PT1M",
                "PT1S",
                "PT0S",
                "P0D",
                "-P1D",
                "P1Y2M3DT4H5M6.7S",
                "P1Y2M3DT4H5M6S",
                "P1YT1S",
                "PT1.5S",
                "PT1.S",
                "PT.5S",
                "P99999999999999999999999Y",
                "PT36H",
                "P1DT2H",
                "-PT30M",
                "P0Y0M0DT0H0M0.000S",
            ],
            &[
                "",
                "P",
                "-P",
                "PT",
                "P1DT",
                "+P1D",
                "p1D",
                "P1d",
                "P1Y2M3DT4H5M6.7",
                "P1.5Y",
                "P1.5D",
                "PT1.5M",
                "PT1.5H",
                "P1M1Y",
                "PT1S1M",
                "P1Y1Y",
                "P1H",
                "P1S",
                "PT1D",
                "PT1Y",
                "P-1D",
                "P1DT1HT1M",
                "PT.S",
                "P.D",
                "1D",
                "P 1D",
                "P1D ",
                "P1Dt1H",
                "PTT1H",
                "P1DTZ",
                "P１D",
            ],
        );
    }

    // -----------------------------------------------------------------------------------------
    // Numbers

    #[test]
    fn boolean_table() {
        table(Builtin::Boolean, &["true", "false", "1", "0"], &["", "TRUE", "True", "yes", "01", " true", "t"]);
    }

    #[test]
    fn decimal_table() {
        table(
            Builtin::Decimal,
            &[
                "0",
                "-0",
                "+0",
                "1.",
                ".5",
                "+.5",
                "-.5",
                "-12.50",
                "00012.3400",
                "123456789012345678901234567890.123456789",
            ],
            &["", ".", "-", "+", "1e5", "1.2.3", "1,5", "--1", "+-1", "0x10", "INF", "NaN", " 1", "1 ", "١"],
        );
    }

    #[test]
    fn integer_tables() {
        table(
            Builtin::Integer,
            &["0", "-0", "+0", "+5", "-5", "0005", "123456789012345678901234567890", "-123456789012345678901234567890"],
            &["", "+", "-", "5.0", "5.", "1e3", "٣", "1_000", "--5"],
        );
        table(
            Builtin::NonNegativeInteger,
            &["0", "-0", "+0", "42", "+42", "99999999999999999999999"],
            &["-1", "-0001"],
        );
        table(
            Builtin::PositiveInteger,
            &["1", "+1", "0001", "99999999999999999999999"],
            &["0", "-0", "+0", "-1", "000"],
        );
        table(Builtin::NonPositiveInteger, &["0", "+0", "-0", "-5", "-99999999999999999999999"], &["1", "+1"]);
        table(Builtin::NegativeInteger, &["-1", "-0001", "-99999999999999999999999"], &["0", "-0", "1", "+1"]);
        table(
            Builtin::Long,
            &["9223372036854775807", "-9223372036854775808", "+0009223372036854775807", "0"],
            &["9223372036854775808", "-9223372036854775809", "99999999999999999999"],
        );
        table(Builtin::Int, &["2147483647", "-2147483648", "-0"], &["2147483648", "-2147483649"]);
        table(Builtin::Short, &["32767", "-32768"], &["32768", "-32769"]);
        table(Builtin::Byte, &["127", "-128", "+127", "0000127", "-0000128"], &["128", "-129", "1000"]);
        table(
            Builtin::UnsignedLong,
            &["0", "18446744073709551615", "+5", "-0"],
            &["18446744073709551616", "-1", "184467440737095516150"],
        );
        table(Builtin::UnsignedInt, &["0", "4294967295"], &["4294967296", "-1"]);
        table(Builtin::UnsignedShort, &["0", "65535"], &["65536", "-1"]);
        table(Builtin::UnsignedByte, &["0", "255", "000255"], &["256", "-1", "-00001"]);
    }

    #[test]
    fn float_table() {
        for b in [Builtin::Float, Builtin::Double] {
            table(
                b,
                &[
                    "0",
                    "-0",
                    "+0",
                    "1.5",
                    "-1.5E10",
                    "1e-5",
                    "1E+5",
                    "1.",
                    ".5",
                    "+1.5E-3",
                    "INF",
                    "-INF",
                    "NaN",
                    "1e400",
                    "12678967.543233E0",
                ],
                &[
                    "",
                    ".",
                    "+INF",
                    "inf",
                    "Infinity",
                    "-Infinity",
                    "nan",
                    "-NaN",
                    "+NaN",
                    "1e",
                    "1.5e+",
                    "1e5.5",
                    "e5",
                    "1E",
                    "1ee5",
                    "0x1p3",
                    "1,5",
                    " 1",
                ],
            );
        }
        assert!(check(Builtin::Float, "+INF").unwrap_err().problem.contains("INF"));
        assert!(check(Builtin::Double, "nan").unwrap_err().problem.contains("NaN"));
    }

    // -----------------------------------------------------------------------------------------
    // Binary

    #[test]
    fn base64_table() {
        table(
            Builtin::Base64Binary,
            &["", "SGVsbG8=", "SGVsbA==", "QUJD", "QUJD QUJD", "SGVs bG8=", "S G V s", "SGVsbA= =", "SGVsbA =="],
            &[
                "SGVsbG8",
                "SGVsbB==",
                "SGVsbG9=",
                "SGVsbA=",
                "SGV!sbG8=",
                "QUJ=",
                "QU==",
                "Q===",
                "=",
                "==",
                "QUJDQQ==QUJD",
                "SGVs  bG8=",
                " QUJD",
                "QUJD ",
                "QUJD\nQUJD",
                "QU=D",
                "QUJD====",
                "QUJD-_-_",
            ],
        );
        assert_eq!(length(Builtin::Base64Binary, ""), 0);
        assert_eq!(length(Builtin::Base64Binary, "SGVsbG8="), 5);
        assert_eq!(length(Builtin::Base64Binary, "SGVsbA=="), 4);
        assert_eq!(length(Builtin::Base64Binary, "QUJD QUJD"), 6);
        assert_eq!(length(Builtin::Base64Binary, "SGVsbA= ="), 4);
    }

    #[test]
    fn hex_table() {
        table(
            Builtin::HexBinary,
            &["", "0FB7", "0fb7", "00", "abcdefABCDEF0123"],
            &["0", "0fb", "zz", "0x0F", "0F B7", "٠٠"],
        );
        assert_eq!(length(Builtin::HexBinary, "0FB7"), 2);
        assert_eq!(length(Builtin::HexBinary, ""), 0);
    }

    // -----------------------------------------------------------------------------------------
    // Strings and names

    #[test]
    fn string_tables() {
        table(Builtin::AnySimpleType, &["", " x ", "\u{1}", "\t"], &[]);
        table(
            Builtin::String,
            &["", " a\tb\n", "é\u{10FFFF}", "\u{FFFD}"],
            &["a\u{1}b", "\u{0}", "\u{FFFE}", "a\u{FFFF}"],
        );
        table(Builtin::NormalizedString, &["", " a  b ", "é"], &["a\tb", "a\nb", "a\rb", "\u{7}"]);
        table(Builtin::Token, &["", "a b", "a", "é ü"], &[" a", "a ", "a  b", "a\tb", "\u{B}"]);
    }

    #[test]
    fn language_table() {
        table(
            Builtin::Language,
            &["en", "en-US", "EN-us-x-foo123", "i-klingon", "abcdefgh", "x-12345678", "de-1996", "zh-Hant-TW"],
            &["", "toolonglang", "en_US", "a-123456789", "en-", "-en", "en--US", "1en", "é", "en US"],
        );
        table(Builtin::LanguageOrEmpty, &["", "en", "fr-CA"], &[" ", "en_", "-"]);
    }

    #[test]
    fn name_tables() {
        table(
            Builtin::NcName,
            &[
                "a",
                "_x",
                "é",
                "a·b",
                "à",
                "a.",
                "a-b",
                "Ⰰ",
                "𐀀",
                "x\u{203F}",
                "\u{2070}x",
                "\u{200C}",
                "a\u{300}",
                "ab12",
            ],
            &[
                "",
                "a:b",
                ":a",
                "a:",
                "1a",
                "-a",
                ".a",
                "\u{300}a",
                "·a",
                "a b",
                "a\u{D7}",
                "\u{37E}",
                "\u{F0000}",
                "a\u{2041}",
            ],
        );
        table(
            Builtin::Name,
            &[":a", "a:b:c", ":", "Ⰰ", "\u{2070}x", "a\u{203F}", "_:-."],
            &["", "1a", "-", "a b", "a\u{0}", "\u{B7}a"],
        );
        table(Builtin::Id, &["a1", "incident-1"], &["1a", "a:b", ""]);
        table(Builtin::IdRef, &["a1"], &["1a", "a:b"]);
        table(Builtin::NmToken, &["1a", "-", ":", ".", "a:b", "\u{B7}", "\u{300}"], &["", "a b", "a,b", "\u{D7}"]);
        table(Builtin::NmTokens, &["a b", "a", "1 2 3", "a:b c"], &["", "a,b", "a \u{D7}"]);
        table(Builtin::IdRefs, &["a b", "a"], &["", "a 1", "a:b"]);
        table(
            Builtin::QName,
            &["a", "a:b", "iodef:Incident", "_a:_b", "é:ü"],
            &["", "a:b:c", ":b", "a:", ":", "1:b", "a:1", "a b", "a::b"],
        );
        assert_eq!(length(Builtin::NmTokens, "a b  c"), 3);
        assert_eq!(length(Builtin::IdRefs, "a"), 1);
        assert_eq!(length(Builtin::Name, "été"), 3);
        assert_eq!(length(Builtin::String, ""), 0);
    }

    #[test]
    fn name_ranges_match_the_xml_specification() {
        // Spot checks at every range boundary of XML 1.0 fifth edition §2.3.
        for c in ['A', 'Z', 'a', 'z', '_', ':', '\u{C0}', '\u{D6}', '\u{D8}', '\u{F6}', '\u{F8}', '\u{2FF}'] {
            assert!(is_name_start(c), "{c:?}");
        }
        for c in ['\u{370}', '\u{37D}', '\u{37F}', '\u{1FFF}', '\u{200C}', '\u{200D}', '\u{2070}', '\u{218F}'] {
            assert!(is_name_start(c), "{c:?}");
        }
        for c in ['\u{2C00}', '\u{2FEF}', '\u{3001}', '\u{D7FF}', '\u{F900}', '\u{FDCF}', '\u{FDF0}', '\u{FFFD}'] {
            assert!(is_name_start(c), "{c:?}");
        }
        for c in ['\u{10000}', '\u{EFFFF}'] {
            assert!(is_name_start(c), "{c:?}");
        }
        for c in ['\u{D7}', '\u{F7}', '\u{37E}', '\u{2000}', '\u{200E}', '\u{2190}', '\u{2FF0}', '\u{3000}'] {
            assert!(!is_name_start(c) && !is_name_char(c), "{c:?}");
        }
        for c in ['\u{FDD0}', '\u{FFFE}', '\u{F0000}', '0', '-', '.', '\u{B7}', '\u{300}', '\u{203F}'] {
            assert!(!is_name_start(c), "{c:?}");
        }
        for c in ['0', '9', '-', '.', '\u{B7}', '\u{300}', '\u{36F}', '\u{203F}', '\u{2040}'] {
            assert!(is_name_char(c), "{c:?}");
        }
        for c in ['/', ';', '\u{2041}', '\u{203E}', '\u{BF}'] {
            assert!(!is_name_char(c), "{c:?}");
        }
    }

    #[test]
    fn any_uri_table() {
        // Verdicts of libxml2 2.9.14 (xmllint --schema), which anyURI follows.
        table(
            Builtin::AnyUri,
            &[
                "",
                "http://example.com/",
                "https://www.example.com/path?q=1#frag",
                "a b",
                "%41",
                "a b%20c",
                "é",
                "http://h/ä?ö#ü",
                "http://[::1]/",
                "http://[]/",
                "http://[a b]/",
                "http://h:80/",
                "http://h:2147483647/",
                "http://h:00000000000000000001/",
                "http://1.2.3.4x/",
                "#f[1]",
                "http://h/p#q[1]",
                "abc:foo",
                "a:b:c",
                "//",
                "?",
                "#",
                "./a:b",
                "/a//b",
                "mailto:a@b",
                "urn:ietf:params:xml:ns:iodef-2.0",
                "\\\\server\\share",
                "a<b",
                "{x}",
                "a|b",
                "a\"b",
                "a^b",
                "a`b",
                "http://u@h/",
            ],
            &[
                "%zz",
                "%4",
                "%",
                "a%",
                "[",
                "a[b",
                "x:[",
                "http://[::1",
                "http://h:/",
                "http://h:x/",
                "http://h:2147483648/",
                "a#b#c",
                "http://h?q#f#g",
                "1abc:foo",
                "::",
                "http://x/%zz",
                "x:%zz",
                "a:%zz",
                "http://u@@h/",
                "http://h/p?q[1]",
            ],
        );
    }

    // -----------------------------------------------------------------------------------------
    // Ordering and length

    #[test]
    fn compare_numbers() {
        let cases: &[(Builtin, &str, &str, Option<Ordering>)] = &[
            (Builtin::Decimal, "1.50", "1.5", Some(Equal)),
            (Builtin::Decimal, "-0", "+0.000", Some(Equal)),
            (Builtin::Decimal, "0.1", "0.09", Some(Greater)),
            (Builtin::Decimal, "-0.1", "-0.09", Some(Less)),
            (Builtin::Decimal, "100", "99.999", Some(Greater)),
            (Builtin::Decimal, ".5", "0.50", Some(Equal)),
            (Builtin::Decimal, "-1", "1", Some(Less)),
            (Builtin::Decimal, "123456789012345678901234567890", "123456789012345678901234567891", Some(Less)),
            (Builtin::Decimal, "x", "1", None),
            (Builtin::Integer, "0010", "10", Some(Equal)),
            (Builtin::Integer, "-10", "-9", Some(Less)),
            (Builtin::Integer, "1.0", "1", None),
            (Builtin::UnsignedLong, "18446744073709551615", "18446744073709551614", Some(Greater)),
            (Builtin::Float, "1e3", "1000", Some(Equal)),
            (Builtin::Float, "0.1", "0.100000001", Some(Equal)),
            (Builtin::Double, "0.1", "0.100000001", Some(Less)),
            (Builtin::Double, "-INF", "-1e308", Some(Less)),
            (Builtin::Double, "INF", "1e308", Some(Greater)),
            (Builtin::Double, "NaN", "1", None),
            (Builtin::Double, "NaN", "NaN", None),
            (Builtin::Double, "+INF", "1", None),
            (Builtin::Boolean, "true", "false", None),
            (Builtin::String, "a", "b", None),
            (Builtin::Duration, "P1D", "PT24H", None),
        ];
        for &(b, x, y, want) in cases {
            assert_eq!(compare(b, x, y), want, "{b:?} {x} {y}");
        }
    }

    #[test]
    fn compare_dates() {
        let cases: &[(Builtin, &str, &str, Option<Ordering>)] = &[
            (Builtin::DateTime, "2016-11-01T12:00:00Z", "2016-11-01T13:00:00+01:00", Some(Equal)),
            (Builtin::DateTime, "2016-11-01T12:00:00Z", "2016-11-01T12:00:00.5Z", Some(Less)),
            (Builtin::DateTime, "2016-11-01T12:00:00.50Z", "2016-11-01T12:00:00.5Z", Some(Equal)),
            (Builtin::DateTime, "2016-11-01T24:00:00", "2016-11-02T00:00:00", Some(Equal)),
            (Builtin::DateTime, "2016-12-31T23:00:00-02:00", "2017-01-01T01:00:00Z", Some(Equal)),
            (Builtin::DateTime, "2016-11-01T12:00:00", "2016-11-01T12:00:01", Some(Less)),
            (Builtin::DateTime, "-0001-12-31T00:00:00", "0001-01-01T00:00:00", Some(Less)),
            (Builtin::DateTime, "-0002-01-01T00:00:00", "-0001-01-01T00:00:00", Some(Less)),
            (Builtin::DateTime, "10000-01-01T00:00:00", "9999-12-31T23:59:59", Some(Greater)),
            // With and without time zone: determinate only beyond 14 hours.
            (Builtin::DateTime, "2016-11-01T12:00:00Z", "2016-11-01T12:00:00", None),
            (Builtin::DateTime, "2016-11-01T12:00:00Z", "2016-11-02T03:00:00", Some(Less)),
            (Builtin::DateTime, "2016-11-02T03:00:00", "2016-11-01T12:00:00Z", Some(Greater)),
            (Builtin::DateTime, "2016-11-01T12:00:00Z", "2016-11-01T02:00:00", None),
            (Builtin::DateTime, "2016-11-01T12:00:00Z", "2016-10-31T21:00:00", Some(Greater)),
            (Builtin::DateTime, "bad", "2016-11-01T12:00:00", None),
            (Builtin::DateTime, "99999999999999999999-01-01T00:00:00", "2016-11-01T12:00:00", None),
            (Builtin::Date, "2016-11-01", "2016-11-02", Some(Less)),
            (Builtin::Date, "2016-11-01Z", "2016-11-01+01:00", Some(Greater)),
            (Builtin::Time, "24:00:00", "00:00:00", Some(Equal)),
            (Builtin::Time, "13:00:00+01:00", "12:00:00Z", Some(Equal)),
            (Builtin::Time, "12:00:00", "12:00:00.001", Some(Less)),
            (Builtin::GYear, "2016", "2017", Some(Less)),
            (Builtin::GYear, "-0001", "0001", Some(Less)),
            (Builtin::GYearMonth, "2016-12", "2017-01", Some(Less)),
        ];
        for &(b, x, y, want) in cases {
            assert_eq!(compare(b, x, y), want, "{b:?} {x} {y}");
        }
    }

    // -----------------------------------------------------------------------------------------
    // Patterns

    fn pattern_table(p: &str, good: &[&str], bad: &[&str]) {
        let re = compile_pattern(p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        for v in good {
            assert!(re.is_match(v), "{p:?} should match {v:?} (regex {})", re.as_str());
        }
        for v in bad {
            assert!(!re.is_match(v), "{p:?} should not match {v:?} (regex {})", re.as_str());
        }
    }

    #[test]
    fn patterns_are_anchored_and_literal() {
        pattern_table("abc", &["abc"], &["xabc", "abcx", "ab", ""]);
        pattern_table("a|bc", &["a", "bc"], &["abc", "ac"]);
        pattern_table("", &[""], &["a"]);
        pattern_table("a|", &["a", ""], &["b"]);
        pattern_table("()", &[""], &["a"]);
        pattern_table("^a$", &["^a$"], &["a"]);
        pattern_table("a#b&c~d", &["a#b&c~d"], &[]);
        pattern_table("<x>", &["<x>"], &[]);
        pattern_table(r"\.\\\|\?\*\+\(\)\{\}\[\]\-\^", &[r".\|?*+(){}[]-^"], &[]);
        pattern_table(r"a\nb\tc\rd", &["a\nb\tc\rd"], &[]);
        pattern_table("é+", &["é", "ééé"], &["e"]);
    }

    #[test]
    fn patterns_quantifiers() {
        pattern_table("a?b*c+", &["c", "abbcc", "bc"], &["", "aac"]);
        pattern_table("a{2}", &["aa"], &["a", "aaa"]);
        pattern_table("a{2,}", &["aa", "aaaa"], &["a"]);
        pattern_table("a{1,3}", &["a", "aaa"], &["", "aaaa"]);
        pattern_table("a{0,0}", &[""], &["a"]);
        pattern_table("(ab){2}", &["abab"], &["ab"]);
        for bad in [
            "a{,3}",
            "a{3,1}",
            "a{x}",
            "a{1",
            "a**",
            "a*?",
            "a+?",
            "a??",
            "a{2}?",
            "*a",
            "+",
            "?",
            "{1}",
            "a{99999999999}",
        ] {
            assert!(compile_pattern(bad).is_err(), "{bad:?} should not compile");
        }
    }

    #[test]
    fn patterns_dot_and_multichar_escapes() {
        pattern_table(".", &["a", "é", "\t", " "], &["\n", "\r", "", "ab"]);
        pattern_table(r"\s", &[" ", "\t", "\n", "\r"], &["\u{A0}", "\u{2003}", "a"]);
        pattern_table(r"\S", &["a", "\u{A0}"], &[" ", "\t"]);
        pattern_table(r"\d+", &["0123", "١٢٣"], &["a", "²"]);
        pattern_table(r"\D", &["a"], &["5"]);
        pattern_table(r"\w", &["a", "é", "5", "$", "+", "^"], &["_", "-", ".", " ", "\u{0}", "!"]);
        pattern_table(r"\W", &["_", "-", " "], &["a", "$"]);
        pattern_table(r"\i\c*", &["a", "_x", ":x", "a-1.b", "Ⰰ"], &["1", "-a", ""]);
        pattern_table(r"\I", &["1", "-"], &["a", ":"]);
        pattern_table(r"\C", &[" ", "/"], &["a", "1", "-"]);
        pattern_table(r"\p{Lu}\p{Ll}*", &["Abc", "Éte"], &["abc", "A1"]);
        pattern_table(r"\P{L}", &["1", " "], &["a"]);
        pattern_table(r"\p{IsBasicLatin}+", &["abc"], &["é"]);
        pattern_table(r"\p{IsGreek}", &["α"], &["a"]);
        pattern_table(r"\P{IsBasicLatin}", &["é"], &["a"]);
        pattern_table(r"\p{IsPrivateUse}", &["\u{E000}", "\u{F0000}"], &["a"]);
        pattern_table(r"\p{IsHighSurrogates}?", &[""], &["a"]);
        pattern_table(r"\p{Cn}|\p{Co}", &["\u{E000}"], &["a"]);
        for bad in
            [r"\p{Greek}", r"\p{IsKlingon}", r"\p{L", r"\pL", r"\x41", r"\b", r"\u0041", r"\$", r"\/", r"\Q", "a\\"]
        {
            assert!(compile_pattern(bad).is_err(), "{bad:?} should not compile");
        }
    }

    #[test]
    fn patterns_character_classes() {
        pattern_table("[abc]", &["a", "c"], &["d", ""]);
        pattern_table("[^abc]", &["d", "\n"], &["a"]);
        pattern_table("[a-z0-9]+", &["abc123"], &["ABC"]);
        pattern_table("[-a]", &["-", "a"], &["b"]);
        pattern_table("[a-]", &["-", "a"], &["b"]);
        pattern_table("[^-a]", &["b"], &["-", "a"]);
        pattern_table("[a^]", &["^", "a"], &["b"]);
        pattern_table(r"[\-\[\]\\]", &["-", "[", "]", "\\"], &["a"]);
        pattern_table("[&~|$.*+?(){}]", &["&", "~", "|", "$", ".", "*", "+", "?", "(", ")", "{", "}"], &["a"]);
        pattern_table("[&&b]", &["&", "b"], &["a"]);
        pattern_table(r"[\s\d]", &[" ", "5"], &["a"]);
        pattern_table(r"[\S]", &["a"], &[" "]);
        pattern_table(r"[^\s]", &["a"], &[" "]);
        pattern_table(r"[\i-[:]]\c*", &["a:b"], &[":a"]);
        pattern_table(r"[\p{Lu}\d]", &["A", "1"], &["a"]);
        pattern_table(r"[\P{Lu}]", &["a"], &["A"]);
        pattern_table(r"[\w-[\d]]", &["a", "$"], &["5", "_"]);
        pattern_table("[a-z-[aeiou]]+", &["bcd", "xyz"], &["a", "bad"]);
        pattern_table("[^a-z-[0-9]]", &["A", "-"], &["a", "5"]);
        pattern_table("[a-z-[b-y-[c]]]", &["a", "z", "c"], &["b", "d"]);
        pattern_table("[0-9A-Fa-f]{4}", &["0FB7"], &["0FBG"]);
        pattern_table("[\u{10000}-\u{10FFFF}]", &["𐀀"], &["a"]);
        for bad in [
            "[]", "[^]", "[a", "[a--]", "[a-c-e]", "[z-a]", "[a-[b]", "[[a]]", "[a[]", r"[\d-z]", "[-[a]]", "a]", "a}",
            "(a", "a)",
        ] {
            assert!(compile_pattern(bad).is_err(), "{bad:?} should not compile");
        }
    }

    #[test]
    fn patterns_from_iodef_style_schemas() {
        // Typical MILE/IODEF-style patterns.
        pattern_table(r"\d{4}-\d{2}", &["2016-11"], &["16-11"]);
        pattern_table(r"[a-zA-Z0-9_\-\.]+@[a-zA-Z0-9\-\.]+", &["cert@example.org"], &["@x"]);
        pattern_table(r"(\+|-)?\d+(\.\d+)?", &["-1.5", "+2", "3"], &["1.", "++1"]);
        pattern_table(r"[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}", &["00:1a:2B:3c:4D:5e"], &["00:1a"]);
    }

    // -----------------------------------------------------------------------------------------
    // Property tests

    /// Leap year computed independently of the implementation (from a parsed number).
    fn leap(year: u128) -> bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    fn dim(year: u128, month: u8) -> u8 {
        match month {
            4 | 6 | 9 | 11 => 30,
            2 if leap(year) => 29,
            2 => 28,
            _ => 31,
        }
    }

    #[derive(Debug, Clone)]
    struct Parts {
        neg: bool,
        year: String,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        frac: Option<String>,
        tz: String,
    }

    impl Parts {
        fn year_num(&self) -> u128 {
            self.year.parse().unwrap()
        }
        fn sign(&self) -> &'static str {
            if self.neg { "-" } else { "" }
        }
        fn date(&self) -> String {
            format!("{}{}-{:02}-{:02}", self.sign(), self.year, self.month, self.day)
        }
        fn time(&self) -> String {
            let frac = self.frac.as_ref().map(|f| format!(".{f}")).unwrap_or_default();
            format!("{:02}:{:02}:{:02}{frac}", self.hour, self.minute, self.second)
        }
        fn date_time(&self) -> String {
            format!("{}T{}{}", self.date(), self.time(), self.tz)
        }
    }

    fn year_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => (1u32..=9999).prop_map(|y| format!("{y:04}")),
            1 => "[1-9][0-9]{4,30}",
        ]
    }

    fn tz_strategy() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("Z".to_owned()),
            (any::<bool>(), 0u8..14, 0u8..60)
                .prop_map(|(neg, h, m)| format!("{}{h:02}:{m:02}", if neg { '-' } else { '+' })),
            any::<bool>().prop_map(|neg| format!("{}14:00", if neg { '-' } else { '+' })),
        ]
    }

    prop_compose! {
        fn parts()(
            neg in any::<bool>(),
            year in year_strategy(),
            month in 1u8..=12,
            day_seed in 0u8..31,
            hour in 0u8..24,
            minute in 0u8..60,
            second in 0u8..60,
            frac in proptest::option::of("[0-9]{1,25}"),
            tz in tz_strategy(),
        ) -> Parts {
            let y: u128 = year.parse().unwrap();
            let day = 1 + day_seed % dim(y, month);
            Parts { neg, year, month, day, hour, minute, second, frac, tz }
        }
    }

    /// Non-leap years, four digits or more.
    fn non_leap_year() -> impl Strategy<Value = String> {
        year_strategy().prop_filter("not a leap year", |y| !leap(y.parse().unwrap()))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn valid_date_times_are_accepted(p in parts()) {
            let dt = p.date_time();
            prop_assert!(check(Builtin::DateTime, &dt).is_ok(), "{dt}: {:?}", check(Builtin::DateTime, &dt));
            let date = format!("{}{}", p.date(), p.tz);
            prop_assert!(check(Builtin::Date, &date).is_ok(), "{date}");
            let time = format!("{}{}", p.time(), p.tz);
            prop_assert!(check(Builtin::Time, &time).is_ok(), "{time}");
            let gym = format!("{}{}-{:02}{}", p.sign(), p.year, p.month, p.tz);
            prop_assert!(check(Builtin::GYearMonth, &gym).is_ok(), "{gym}");
            let gy = format!("{}{}{}", p.sign(), p.year, p.tz);
            prop_assert!(check(Builtin::GYear, &gy).is_ok(), "{gy}");
            // Reflexive ordering.
            prop_assert_eq!(compare(Builtin::Time, &time, &time), Some(Ordering::Equal));
            if p.year.len() <= 18 {
                prop_assert_eq!(compare(Builtin::DateTime, &dt, &dt), Some(Ordering::Equal));
            }
        }

        #[test]
        fn one_bad_component_is_rejected(p in parts(), which in 0usize..16, bad_year in non_leap_year()) {
            let mut q = p.clone();
            let s = match which {
                0 => { q.month = 13; q.date_time() }
                1 => { q.month = 0; q.date_time() }
                2 => { q.day = 32; q.date_time() }
                3 => { q.day = dim(q.year_num(), q.month) + 1; q.date_time() }
                4 => { q.year = bad_year; q.month = 2; q.day = 29; q.date_time() }
                5 => { q.hour = 25; q.date_time() }
                6 => { q.minute = 60; q.date_time() }
                7 => { q.second = 60; q.date_time() }
                8 => { q.tz = "+15:00".into(); q.date_time() }
                9 => { q.tz = "-14:01".into(); q.date_time() }
                10 => q.date_time().replacen('T', "t", 1),
                11 => { q.tz = "z".into(); q.date_time() }
                12 => format!("{}T{:02}:{:02}{}", q.date(), q.hour, q.minute, q.tz),
                13 => q.date_time().replacen('T', " ", 1),
                14 => { q.year = format!("{:03}", q.year_num() % 1000); q.date_time() }
                _ => { q.year = "0000".into(); q.date_time() }
            };
            prop_assert!(check(Builtin::DateTime, &s).is_err(), "accepted {s} (mutation {which})");
        }

        #[test]
        fn valid_durations_are_accepted(
            neg in any::<bool>(),
            parts in proptest::collection::vec(proptest::option::of("[0-9]{1,22}"), 6),
            frac in proptest::option::of("[0-9]{0,10}"),
        ) {
            prop_assume!(parts.iter().any(Option::is_some));
            let mut s = String::from(if neg { "-P" } else { "P" });
            for (v, d) in parts.iter().take(3).zip(['Y', 'M', 'D']) {
                if let Some(v) = v { s.push_str(v); s.push(d); }
            }
            if parts.iter().skip(3).any(Option::is_some) {
                s.push('T');
                for (i, (v, d)) in parts.iter().skip(3).zip(['H', 'M', 'S']).enumerate() {
                    if let Some(v) = v {
                        s.push_str(v);
                        if i == 2 {
                            if let Some(f) = &frac { s.push('.'); s.push_str(f); }
                        }
                        s.push(d);
                    }
                }
            }
            prop_assert!(check(Builtin::Duration, &s).is_ok(), "{s}: {:?}", check(Builtin::Duration, &s));
            // Mutations: lowercase designator, trailing T, fraction on days, swapped order.
            let lower = s.replacen('P', "p", 1);
            prop_assert!(check(Builtin::Duration, &lower).is_err(), "{lower}");
            if !s.contains('T') {
                let t = format!("{s}T");
                prop_assert!(check(Builtin::Duration, &t).is_err(), "{t}");
            }
            let fd = format!("{s}1.5D").replacen("D1.5D", "D", 1);
            if !s.contains('D') && !s.contains('T') {
                prop_assert!(check(Builtin::Duration, &fd).is_err(), "{fd}");
            }
            if let (Some(y), Some(m)) = (&parts[0], &parts[1]) {
                let swapped = format!("P{m}M{y}Y");
                prop_assert!(check(Builtin::Duration, &swapped).is_err(), "{swapped}");
            }
        }

        #[test]
        fn integers_match_i128_ranges(v in any::<i64>(), wide in -300i128..300, zeros in 0usize..3, plus in any::<bool>()) {
            let types: &[(Builtin, i128, i128)] = &[
                (Builtin::Long, i64::MIN.into(), i64::MAX.into()),
                (Builtin::Int, i32::MIN.into(), i32::MAX.into()),
                (Builtin::Short, i16::MIN.into(), i16::MAX.into()),
                (Builtin::Byte, i8::MIN.into(), i8::MAX.into()),
                (Builtin::UnsignedLong, 0, u64::MAX.into()),
                (Builtin::UnsignedInt, 0, u32::MAX.into()),
                (Builtin::UnsignedShort, 0, u16::MAX.into()),
                (Builtin::UnsignedByte, 0, u8::MAX.into()),
                (Builtin::NonNegativeInteger, 0, i128::MAX),
                (Builtin::PositiveInteger, 1, i128::MAX),
                (Builtin::NonPositiveInteger, i128::MIN, 0),
                (Builtin::NegativeInteger, i128::MIN, -1),
                (Builtin::Integer, i128::MIN, i128::MAX),
            ];
            for &(b, lo, hi) in types {
                // Values near both bounds and an arbitrary one.
                for n in [i128::from(v), lo.saturating_add(wide), hi.saturating_add(wide)] {
                    let digits = format!("{}{}", "0".repeat(zeros), n.unsigned_abs());
                    let s = if n < 0 { format!("-{digits}") } else if plus { format!("+{digits}") } else { digits };
                    let want = lo <= n && n <= hi;
                    prop_assert_eq!(check(b, &s).is_ok(), want, "{:?} {}", b, s);
                    prop_assert!(check(Builtin::Decimal, &s).is_ok());
                    prop_assert!(check(Builtin::Integer, &s).is_ok());
                }
            }
        }

        #[test]
        fn integer_and_decimal_order_matches_i128(a in any::<i64>(), b in any::<i64>(), fa in 0u32..1000, fb in 0u32..1000) {
            let (sa, sb) = (a.to_string(), b.to_string());
            prop_assert_eq!(compare(Builtin::Integer, &sa, &sb), Some(a.cmp(&b)));
            // Decimals with three fraction digits, compared as scaled integers.
            let x = i128::from(a) * 1000 + if a < 0 { -i128::from(fa) } else { i128::from(fa) };
            let y = i128::from(b) * 1000 + if b < 0 { -i128::from(fb) } else { i128::from(fb) };
            let dx = format!("{}{}.{:03}", if x < 0 { "-" } else { "" }, x.unsigned_abs() / 1000, x.unsigned_abs() % 1000);
            let dy = format!("{}{}.{:03}", if y < 0 { "-" } else { "" }, y.unsigned_abs() / 1000, y.unsigned_abs() % 1000);
            prop_assert_eq!(compare(Builtin::Decimal, &dx, &dy), Some(x.cmp(&y)), "{} {}", dx, dy);
        }

        #[test]
        fn base64_of_any_bytes_is_accepted(data in proptest::collection::vec(any::<u8>(), 0..64), spaces in proptest::collection::vec(any::<bool>(), 0..100)) {
            let enc = encode_base64(&data);
            prop_assert!(check(Builtin::Base64Binary, &enc).is_ok(), "{enc}");
            prop_assert_eq!(length(Builtin::Base64Binary, &enc), data.len());
            // Single spaces between any two characters are allowed.
            let mut spaced = String::new();
            for (i, c) in enc.chars().enumerate() {
                if i > 0 && spaces.get(i).copied().unwrap_or(false) { spaced.push(' '); }
                spaced.push(c);
            }
            prop_assert!(check(Builtin::Base64Binary, &spaced).is_ok(), "{spaced}");
            prop_assert_eq!(length(Builtin::Base64Binary, &spaced), data.len());
            // Dropping a character breaks the groups of four.
            if !enc.is_empty() {
                let cut = &enc[..enc.len() - 1];
                prop_assert!(check(Builtin::Base64Binary, cut).is_err(), "{cut}");
            }
            let hex: String = data.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert!(check(Builtin::HexBinary, &hex).is_ok());
            prop_assert_eq!(length(Builtin::HexBinary, &hex), data.len());
        }

        #[test]
        fn nothing_panics_on_arbitrary_strings(s in any::<String>(), t in any::<String>()) {
            for &b in ALL {
                let n = normalize(whitespace(b), &s);
                let _ = check(b, &n);
                let _ = check(b, &s);
                let _ = length(b, &s);
                let _ = compare(b, &s, &t);
                let _ = compare(b, &n, &n);
            }
            let _ = compile_pattern(&s);
        }

        #[test]
        fn nothing_panics_on_lexically_close_strings(s in "[-+0-9:TZtz.PYMDHS eE%\\[\\]/#?@=A-Za-z ]{0,40}") {
            for &b in ALL {
                let _ = check(b, &s);
                let _ = compare(b, &s, "2016-11-01T12:00:00Z");
                let _ = compare(b, "12:00:00", &s);
                let _ = length(b, &s);
            }
        }

        #[test]
        fn patterns_never_panic(s in "[-\\[\\]\\\\^a-z{}0-9,()|?*+.dswicpPIC]{0,20}") {
            if let Ok(re) = compile_pattern(&s) {
                let _ = re.is_match("abc");
            }
        }

        #[test]
        fn collapse_is_idempotent(s in "[ \t\r\na-cé]{0,30}") {
            let once = normalize(Whitespace::Collapse, &s).into_owned();
            let twice = normalize(Whitespace::Collapse, &once);
            prop_assert!(matches!(twice, Cow::Borrowed(_)));
            prop_assert_eq!(twice.as_ref(), once.as_str());
            prop_assert!(check(Builtin::Token, &once).is_ok());
        }
    }

    fn encode_base64(data: &[u8]) -> String {
        const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in data.chunks(3) {
            let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}
