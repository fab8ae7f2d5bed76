//! The Secure Association Key: zeroized on drop, never printed.

use std::fmt;

use thiserror::Error;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::hexstr::{parse_hex, ParseError};

/// Why a key was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error("key is {got} octets; a SAK is 16 or 32 octets")]
    BadLength { got: usize },
    #[error("key is not hexadecimal")]
    NotHex,
    #[error("key has an odd number of hex digits")]
    OddLength,
}

/// A 128- or 256-bit SAK. Its bytes are wiped when it is dropped and its `Debug` shows only the
/// length, so a key cannot leak through logs or panic messages.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Sak {
    bytes: [u8; 32],
    len: u8,
}

impl Sak {
    pub fn new(key: &[u8]) -> Result<Sak, KeyError> {
        if key.len() != 16 && key.len() != 32 {
            return Err(KeyError::BadLength { got: key.len() });
        }
        let mut bytes = [0u8; 32];
        bytes[..key.len()].copy_from_slice(key);
        Ok(Sak {
            bytes,
            len: key.len() as u8,
        })
    }

    /// Parse a key from hex; the intermediate buffer is wiped too, and errors never repeat the
    /// text (it may be most of a key).
    pub fn from_hex(s: &str) -> Result<Sak, KeyError> {
        let mut raw = parse_hex(s).map_err(|e| match e {
            ParseError::HexLength { .. } => KeyError::OddLength,
            _ => KeyError::NotHex,
        })?;
        let r = Sak::new(&raw);
        raw.zeroize();
        r
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Debug for Sak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sak(<{}-bit key redacted>)", self.len as usize * 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_key() {
        let k = Sak::from_hex("AD7A2BD03EAC835A6F620FDCB506B345").unwrap();
        let d = format!("{k:?}");
        assert!(!d.to_uppercase().contains("AD7A2B"), "{d}");
        assert!(d.contains("128-bit"));
    }

    #[test]
    fn lengths() {
        assert_eq!(
            Sak::new(&[0; 24]).unwrap_err(),
            KeyError::BadLength { got: 24 }
        );
        assert_eq!(Sak::new(&[1; 32]).unwrap().len(), 32);
    }
}
