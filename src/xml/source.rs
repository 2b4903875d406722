//! The text under the reader: decodes the input to UTF-8 (checking it once, as it is read, into
//! a `String` that tokens are sliced from), tracks line and column of every consumed byte,
//! checks every character against the XML `Char` production and enforces the size limits
//! before anything is buffered.
//!
//! The tokenizer consumes bytes as it finds tokens ([`Source::consume`], and quick-xml through
//! [`BufRead`] for the rare markup it reads); [`Source::sync`] then passes each consumed byte
//! through [`Source::scan`] exactly once, so the position after a token is exact and an illegal
//! character is found at its own line and column. Input that is not text ends the `String`
//! before it, and is the fault once everything before it is consumed.

use super::chars::{HIGH, ONES, word8};
use super::{Encoding, Pos, XmlErrorKind};
use std::io::{self, BufRead, Read};

const CHUNK: usize = 64 * 1024;
/// The first read is small and each full read doubles the next one up to [`CHUNK`]: the read
/// buffer is zero-filled before each read (no unsafe code), and a small document should not pay
/// for zeroing 64 KiB twice.
const FIRST_CHUNK: usize = 4 * 1024;

/// A sticky fault found while scanning, reported by the reader after the current event.
#[derive(Debug, Clone)]
pub(crate) struct Fault {
    pub kind: XmlErrorKind,
    pub pos: Pos,
}

pub(crate) struct Source<R> {
    inner: R,
    encoding: Encoding,
    /// Input read but not yet in `buf`: an incomplete character at the end of a read, or
    /// input of another encoding not yet decoded; read space is kept from one read to the next.
    raw: Vec<u8>,
    /// Bytes of `raw` in use.
    raw_len: usize,
    /// The input as text, checked to be UTF-8 once, as it is read: tokens are slices of it,
    /// without a check of their own. `buf[start..end]` is not yet consumed.
    buf: String,
    /// The input goes on with bytes that are not UTF-8 (or, decoded, not Unicode): `buf` ends
    /// before them, and reaching that end is a fault.
    bad: bool,
    /// A token needed input beyond that end: once everything before it is consumed, that
    /// input is the fault (a token that ends before it is read as usual).
    bad_hit: bool,
    start: usize,
    end: usize,
    /// Consumed bytes up to here are checked and counted in `pos`: the rest of the consumed
    /// bytes are checked in one go by [`Source::sync`] (once per event rather than on each of
    /// the several small consumes the tokenizer makes for one event).
    scanned: usize,
    eof: bool,
    /// Position of the first consumed byte not yet checked (of the next unconsumed byte after
    /// [`Source::sync`]).
    pub pos: Pos,
    /// The first problem found in the consumed bytes.
    pub fault: Option<Fault>,
    /// Offset where the current token started (for the token length limit).
    pub token_start: u64,
    pub token_limit: u64,
    /// Input bytes read so far (before decoding), and the limit.
    read_total: u64,
    doc_limit: u64,
    /// Size of the next read.
    chunk: usize,
}

impl<R: Read> Source<R> {
    /// A source over `inner`, whose first bytes `head` were already read. `buf` is an empty
    /// buffer to decode into (a recycled one keeps its capacity).
    pub fn new(inner: R, head: Vec<u8>, buf: String, encoding: Encoding, token_limit: u64, doc_limit: u64) -> Self {
        let read_total = head.len() as u64;
        let mut s = Source {
            inner,
            encoding,
            raw: Vec::new(),
            raw_len: 0,
            buf,
            bad: false,
            bad_hit: false,
            start: 0,
            end: 0,
            scanned: 0,
            eof: false,
            pos: Pos::START,
            fault: None,
            token_start: 0,
            token_limit,
            read_total,
            doc_limit,
            chunk: FIRST_CHUNK,
        };
        s.raw_len = head.len();
        s.raw = head;
        s.decode_raw(false);
        s
    }

    /// Its two buffers, emptied, for a later source (this one is done).
    pub fn take_buffers(&mut self) -> (Vec<u8>, String) {
        let (mut raw, mut buf) = (std::mem::take(&mut self.raw), std::mem::take(&mut self.buf));
        raw.clear();
        buf.clear();
        (raw, buf)
    }

    fn set_fault(&mut self, kind: XmlErrorKind, pos: Pos) {
        if self.fault.is_none() {
            self.fault = Some(Fault { kind, pos });
        }
    }

    /// The last `len` bytes consumed (still buffered until the next [`Source::more`]).
    #[inline]
    pub fn recent(&self, len: usize) -> Option<&str> {
        self.buf.get(self.start.checked_sub(len)?..self.start)
    }

    /// The buffered bytes not yet consumed.
    #[inline]
    pub fn window(&self) -> &[u8] {
        &self.buf.as_bytes()[self.start..self.end]
    }

    /// Read more input after the buffered bytes (dropping the consumed ones first): at least
    /// one byte, or false at the end of the input. The one place the token length limit is
    /// checked: the token started at `token_start` and runs to the end of the buffer.
    /// Kept out of line: it runs once per read of the input, its callers once per token.
    #[inline(never)]
    pub fn more(&mut self) -> io::Result<bool> {
        // Consumed bytes are checked before they are dropped.
        self.sync();
        let buffered_to = self.pos.offset + (self.end - self.scanned) as u64;
        if buffered_to.saturating_sub(self.token_start) > self.token_limit {
            return Err(io::Error::other(LimitHit::Token));
        }
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.end -= self.start;
            self.start = 0;
            self.scanned = 0;
        }
        let before = self.end;
        while self.end == before {
            if self.bad {
                self.bad_hit = true;
                self.sync();
                return Ok(false);
            }
            if self.eof {
                return Ok(false);
            }
            let chunk = self.chunk;
            // Read space past `raw_len` stays allocated and zero-initialised from one read to
            // the next: only growth is zero-filled.
            let at = self.raw_len;
            if self.raw.len() < at + chunk {
                self.raw.resize(at + chunk, 0);
            }
            let n = loop {
                match self.inner.read(&mut self.raw[at..at + chunk]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            self.raw_len = at + n;
            if n == chunk {
                self.chunk = (chunk * 2).min(CHUNK);
            }
            self.read_total += n as u64;
            if self.read_total > self.doc_limit {
                return Err(io::Error::other(LimitHit::Document));
            }
            if n == 0 {
                self.eof = true;
            }
            let eof = self.eof;
            self.decode_raw(eof);
        }
        Ok(true)
    }

    /// Move as much of `raw` as possible into `buf`, as text: up to an incomplete character
    /// at its end (unless at the end of the input), or up to the first bytes that are not
    /// text (then `bad`).
    fn decode_raw(&mut self, eof: bool) {
        let mut used = 0;
        match self.encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let le = self.encoding == Encoding::Utf16Le;
                let unit = |i: usize, raw: &[u8]| {
                    if le { u16::from_le_bytes([raw[i], raw[i + 1]]) } else { u16::from_be_bytes([raw[i], raw[i + 1]]) }
                };
                let raw = &self.raw[..self.raw_len];
                while used + 2 <= raw.len() {
                    let u = unit(used, raw);
                    let c = if (0xD800..0xDC00).contains(&u) {
                        if used + 4 > raw.len() {
                            if eof {
                                None
                            } else {
                                break;
                            }
                        } else {
                            let lo = unit(used + 2, raw);
                            if (0xDC00..0xE000).contains(&lo) {
                                used += 2;
                                char::from_u32(0x10000 + (((u as u32) - 0xD800) << 10) + (lo as u32 - 0xDC00))
                            } else {
                                None
                            }
                        }
                    } else {
                        char::from_u32(u as u32)
                    };
                    used += 2;
                    match c {
                        Some(c) => self.buf.push(c),
                        None => {
                            // An unpaired surrogate.
                            self.bad = true;
                            break;
                        }
                    }
                }
                if eof && used < raw.len() {
                    self.bad = true;
                }
            }
            Encoding::Utf8 | Encoding::Ascii => {
                let raw = &self.raw[..self.raw_len];
                match std::str::from_utf8(raw) {
                    Ok(text) => {
                        self.buf.push_str(text);
                        used = raw.len();
                    }
                    Err(e) => {
                        used = e.valid_up_to();
                        self.buf.push_str(std::str::from_utf8(&raw[..used]).unwrap_or_default());
                        if e.error_len().is_some() || eof {
                            self.bad = true;
                        }
                    }
                }
            }
        }
        if self.bad {
            used = self.raw_len;
        }
        self.raw.copy_within(used..self.raw_len, 0);
        self.raw_len -= used;
        self.end = self.buf.len();
    }

    /// Check and account for every consumed byte: `pos` is then the position of the next
    /// unconsumed byte, and `fault` the first problem before it.
    #[inline]
    pub fn sync(&mut self) {
        if self.scanned < self.start {
            let from = self.scanned;
            self.scanned = self.start;
            self.scan(from, self.start);
        }
        if self.bad_hit && self.scanned == self.end {
            self.bad_reached();
        }
    }

    /// Every character before the input that is not text has been consumed: that input is
    /// the fault, at its place.
    #[cold]
    fn bad_reached(&mut self) {
        let kind = if self.encoding == Encoding::Ascii {
            XmlErrorKind::EncodingMismatch { detail: "a byte above 0x7F in a document declared US-ASCII".into() }
        } else {
            XmlErrorKind::InvalidUtf8
        };
        let pos = self.pos;
        self.set_fault(kind, pos);
    }

    /// Check and account for consumed bytes.
    fn scan(&mut self, from: usize, to: usize) {
        if self.fault.is_some() {
            // After a fault only positions matter; keep counting lines cheaply.
            self.advance_positions(from, to);
            return;
        }
        // (`buf` is UTF-8, and every region ends where a token ends or where `buf` does: on a
        // character boundary.)
        // Fast path: printable ASCII, tabs and line ends only (most markup and text), eight
        // bytes at a time, line feeds included (a word with one costs a few instructions more).
        let (mut line, mut col) = (self.pos.line, self.pos.col);
        let bytes = &self.buf.as_bytes()[from..to];
        let mut words = bytes.chunks_exact(8);
        let mut plain = true;
        for w in &mut words {
            if !plain_word(word8(w, 0), 8, &mut line, &mut col) {
                plain = false;
                break;
            }
        }
        if plain {
            let rest = words.remainder().len();
            if rest > 0 && bytes.len() >= 8 {
                // The last eight bytes, with those already counted replaced by spaces (plain,
                // and the column is only advanced by `rest`).
                let x = word8(bytes, bytes.len() - 8);
                let keep = !0u64 << (8 * (8 - rest));
                plain = plain_word((x & keep) | ((ONES * b' ' as u64) & !keep), rest as u32, &mut line, &mut col);
            } else {
                for &b in words.remainder() {
                    if !plain_byte(b, &mut line, &mut col) {
                        plain = false;
                        break;
                    }
                }
            }
        }
        if plain {
            self.pos = Pos { offset: self.pos.offset + bytes.len() as u64, line, col };
            return;
        }
        if self.encoding == Encoding::Ascii {
            if let Some(k) = self.buf.as_bytes()[from..to].iter().position(|&b| b >= 0x80) {
                self.check(from, from + k);
                let pos = self.pos;
                self.set_fault(
                    XmlErrorKind::EncodingMismatch {
                        detail: "a byte above 0x7F in a document declared US-ASCII".into(),
                    },
                    pos,
                );
                self.advance_positions(from + k, to);
                return;
            }
        }
        self.check(from, to);
    }

    /// Check the characters of a region with non-ASCII or control characters (the plain case
    /// is handled in `scan`) byte by byte, finding the exact position of a forbidden one, and
    /// advance the position over it.
    fn check(&mut self, from: usize, to: usize) {
        let bytes = &self.buf.as_bytes()[from..to];
        let mut line = self.pos.line;
        let mut col = self.pos.col;
        let mut bad: Option<(usize, u32)> = None;
        let mut bad_pos = (0, 0);
        for (k, &b) in bytes.iter().enumerate() {
            if b < 0x80 {
                if b < 0x20 {
                    if b == b'\n' {
                        line += 1;
                        col = 0;
                        continue;
                    }
                    // (`col` counts the characters before this one, as `pos` does.)
                    if b != b'\t' && b != b'\r' && bad.is_none() {
                        bad = Some((k, b as u32));
                        bad_pos = (line, col);
                    }
                }
                col += 1;
            } else if b & 0xC0 != 0x80 {
                // U+FFFE and U+FFFF are EF BF BE / EF BF BF.
                if b == 0xEF && bad.is_none() && k + 2 < bytes.len() && bytes[k + 1] == 0xBF && bytes[k + 2] >= 0xBE {
                    bad = Some((k, 0xFFFE + (bytes[k + 2] - 0xBE) as u32));
                    bad_pos = (line, col);
                }
                col += 1;
            }
        }
        let len = bytes.len() as u64;
        if let Some((k, code)) = bad {
            let pos = Pos { offset: self.pos.offset + k as u64, line: bad_pos.0, col: bad_pos.1 };
            self.set_fault(XmlErrorKind::IllegalChar { code }, pos);
        }
        self.pos.offset += len;
        self.pos.line = line;
        self.pos.col = col;
    }

    /// Advance positions without checking (after a fault).
    fn advance_positions(&mut self, from: usize, to: usize) {
        for &b in &self.buf.as_bytes()[from..to] {
            if b == b'\n' {
                self.pos.line += 1;
                self.pos.col = 0;
            } else if b & 0xC0 != 0x80 {
                self.pos.col += 1;
            }
        }
        self.pos.offset += (to - from) as u64;
    }

    /// At the end of the input: every byte checked (input that is not text, an incomplete
    /// character among it, is a fault once reached).
    pub fn finish(&mut self) {
        self.sync();
    }
}

/// Which limit a source hit (carried inside an `io::Error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LimitHit {
    Document,
    Token,
}

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?} limit")
    }
}

impl std::error::Error for LimitHit {}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Source<R> {
    #[inline]
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end && !self.more()? {
            return Ok(&[]);
        }
        Ok(&self.buf.as_bytes()[self.start..self.end])
    }

    #[inline]
    fn consume(&mut self, amt: usize) {
        self.start += amt.min(self.end - self.start);
    }
}

/// The bytes of `x` (all below 0x80) equal to `c`: the high bit of each such byte.
#[inline(always)]
fn eq_mask(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * c as u64);
    !((y | HIGH) - ONES) & HIGH
}

/// Account for the last `len` bytes of a little-endian word of the fast path (the others are
/// spaces); false if one of them needs the careful path. Exact: no borrow crosses a byte,
/// since every byte is below 0x80 once the high bits are checked.
#[inline(always)]
fn plain_word(x: u64, len: u32, line: &mut u32, col: &mut u32) -> bool {
    if x & HIGH != 0 {
        return false;
    }
    let control = !((x | HIGH) - ONES * 0x20) & HIGH;
    if control == 0 {
        *col += len;
        return true;
    }
    let lf = eq_mask(x, b'\n');
    if control & !(lf | eq_mask(x, b'\t') | eq_mask(x, b'\r')) != 0 {
        return false;
    }
    if lf == 0 {
        *col += len;
    } else {
        *line += lf.count_ones();
        let last = (63 - lf.leading_zeros()) / 8;
        *col = 7 - last;
    }
    true
}

/// Account for one byte of a short region; false if it needs the careful path.
#[inline(always)]
fn plain_byte(b: u8, line: &mut u32, col: &mut u32) -> bool {
    if (0x20..0x80).contains(&b) || b == b'\t' || b == b'\r' {
        *col += 1;
        true
    } else if b == b'\n' {
        *line += 1;
        *col = 0;
        true
    } else {
        false
    }
}
