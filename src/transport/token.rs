//! `RID-Callback-Token` (RFC 6546 §3): `callback-token = 1*255(VCHAR)`.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// Header that carries the token in a 202 response.
pub const RID_CALLBACK_TOKEN: &str = "RID-Callback-Token";

/// A callback token: 1 to 255 visible ASCII characters (`%x21-7E`), no whitespace.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallbackToken(String);

/// Why a string is not a callback token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidCallbackToken {
    /// Zero characters.
    #[error("a RID-Callback-Token must have at least one character")]
    Empty,
    /// More than 255 characters.
    #[error("a RID-Callback-Token has at most 255 characters, this one has {len}")]
    TooLong {
        /// Its length.
        len: usize,
    },
    /// A character outside VCHAR (`%x21-7E`).
    #[error("a RID-Callback-Token holds only visible ASCII (VCHAR); byte {byte:#04x} at index {index} is not")]
    NotVchar {
        /// Byte offset.
        index: usize,
        /// The byte.
        byte: u8,
    },
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl CallbackToken {
    /// A token that skips the ABNF check. Only the reference peer's `bad-callback-token` fault
    /// uses it, to send a token that breaks RFC 6546 §3 on purpose.
    pub fn forged(s: impl Into<String>) -> CallbackToken {
        CallbackToken(s.into())
    }

    /// Checks a token against the ABNF.
    pub fn new(s: impl Into<String>) -> Result<CallbackToken, InvalidCallbackToken> {
        let s = s.into();
        if s.is_empty() {
            return Err(InvalidCallbackToken::Empty);
        }
        if let Some((index, &byte)) = s.as_bytes().iter().enumerate().find(|(_, b)| !(0x21..=0x7e).contains(*b)) {
            return Err(InvalidCallbackToken::NotVchar { index, byte });
        }
        if s.len() > 255 {
            return Err(InvalidCallbackToken::TooLong { len: s.len() });
        }
        Ok(CallbackToken(s))
    }

    /// A fresh token: `rid-` + 128 random bits in hex + `-` + a per-process counter. The random
    /// part makes tokens unique across restarts and systems, the counter within this process even
    /// if the random source failed (then the clock and process id stand in for it).
    pub fn generate() -> CallbackToken {
        use ring::rand::SecureRandom;
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut bytes = [0u8; 16];
        let random = if ring::rand::SystemRandom::new().fill(&mut bytes).is_ok() {
            super::lower_hex(&bytes)
        } else {
            let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            format!("t{nanos:x}p{:x}", std::process::id())
        };
        CallbackToken(format!("rid-{random}-{n:x}"))
    }

    /// The token text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CallbackToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for CallbackToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CallbackToken({:?})", self.0)
    }
}

impl std::str::FromStr for CallbackToken {
    type Err = InvalidCallbackToken;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CallbackToken::new(s)
    }
}
