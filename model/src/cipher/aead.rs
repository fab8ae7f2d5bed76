//! One small AEAD trait for AES-GCM with a 96-bit IV and a 128-bit tag, and the backends that
//! implement it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{ring_backend::RingGcm, rustcrypto::RustCryptoGcm, Sak};

/// The AEAD refused its input (only possible for lengths far beyond any frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("AES-GCM refused the input length")]
pub struct AeadError;

/// AES-GCM with one key, already expanded (the key schedule and the hash subkey H are computed
/// once, when the SA is installed, never per frame).
pub trait Aead: Send + Sync {
    /// Encrypt `data` in place and return the tag over `aad ‖ data`.
    fn seal(&self, iv: &[u8; 12], aad: &[u8], data: &mut [u8]) -> Result<[u8; 16], AeadError>;
    /// Verify `tag` over `aad ‖ data` and decrypt `data` in place. Returns false when the tag
    /// does not verify; `data` is then unspecified.
    fn open(&self, iv: &[u8; 12], aad: &[u8], data: &mut [u8], tag: &[u8; 16]) -> bool;
}

/// Which AES-GCM implementation the SecY uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Backend {
    /// RustCrypto `aes-gcm`: the reference.
    #[serde(rename = "aes-gcm")]
    RustCrypto,
    /// `ring`: the fast one.
    #[default]
    #[serde(rename = "ring")]
    Ring,
}

impl Backend {
    pub const ALL: [Backend; 2] = [Backend::RustCrypto, Backend::Ring];

    /// Expand `sak` into a ready AEAD. The key length picks AES-128 or AES-256.
    pub fn aead(self, sak: &Sak) -> Box<dyn Aead> {
        match self {
            Backend::RustCrypto => Box::new(RustCryptoGcm::new(sak)),
            Backend::Ring => Box::new(RingGcm::new(sak)),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::RustCrypto => "aes-gcm",
            Backend::Ring => "ring",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Backend {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Backend::ALL
            .into_iter()
            .find(|b| b.name() == s)
            .ok_or_else(|| {
                format!(
                    "unknown AEAD backend {} (expected aes-gcm or ring)",
                    crate::hexstr::preview(s)
                )
            })
    }
}
