//! The cipher suites of 802.1AE-2018 clause 14: GCM-AES-128/256 and GCM-AES-XPN-128/256.
//!
//! The suites differ in key length and in how the 96-bit IV is formed (14.5–14.8); the AEAD itself
//! sits behind the [`Aead`] trait so that the RustCrypto reference and the fast `ring` backend can
//! be swapped and cross-checked.

mod aead;
mod key_id;
mod ring_backend;
mod rustcrypto;
mod sak;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

pub use aead::{Aead, AeadError, Backend};
pub use key_id::KeyId;
pub use sak::{KeyError, Sak};

use crate::sci::Sci;

/// A 96-bit XPN Salt (10.7.28). Not secret on its own, but messages never show one: what is
/// typed in its place may be a key.
pub type Salt = [u8; 12];

/// The four standard cipher suites (Table 14-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
pub enum CipherSuite {
    #[default]
    #[serde(rename = "gcm-aes-128")]
    GcmAes128,
    #[serde(rename = "gcm-aes-256")]
    GcmAes256,
    #[serde(rename = "gcm-aes-xpn-128")]
    GcmAesXpn128,
    #[serde(rename = "gcm-aes-xpn-256")]
    GcmAesXpn256,
}

impl CipherSuite {
    pub const ALL: [CipherSuite; 4] = [
        CipherSuite::GcmAes128,
        CipherSuite::GcmAes256,
        CipherSuite::GcmAesXpn128,
        CipherSuite::GcmAesXpn256,
    ];

    /// SAK length in octets.
    pub fn key_len(self) -> usize {
        match self {
            CipherSuite::GcmAes128 | CipherSuite::GcmAesXpn128 => 16,
            CipherSuite::GcmAes256 | CipherSuite::GcmAesXpn256 => 32,
        }
    }

    /// Extended Packet Numbering: 64-bit PNs, SSCI and Salt in the IV.
    pub fn is_xpn(self) -> bool {
        matches!(self, CipherSuite::GcmAesXpn128 | CipherSuite::GcmAesXpn256)
    }

    /// The last PN an SA may use (10.5.2): 2^32−1, or 2^64−1 for XPN.
    pub fn max_pn(self) -> u64 {
        if self.is_xpn() {
            u64::MAX
        } else {
            u32::MAX as u64
        }
    }

    /// Default PN at which the transmitter asks the KaY to rekey (three quarters of the space).
    pub fn default_pn_threshold(self) -> u64 {
        if self.is_xpn() {
            0xC000_0000_0000_0000
        } else {
            0xC000_0000
        }
    }

    /// The 64-bit Cipher Suite Identifier (Table 14-1).
    pub fn identifier(self) -> u64 {
        match self {
            CipherSuite::GcmAes128 => 0x0080_C200_0100_0001,
            CipherSuite::GcmAes256 => 0x0080_C200_0100_0002,
            CipherSuite::GcmAesXpn128 => 0x0080_C200_0100_0003,
            CipherSuite::GcmAesXpn256 => 0x0080_C200_0100_0004,
        }
    }

    /// The name used on the command line and in configuration files.
    pub fn name(self) -> &'static str {
        match self {
            CipherSuite::GcmAes128 => "gcm-aes-128",
            CipherSuite::GcmAes256 => "gcm-aes-256",
            CipherSuite::GcmAesXpn128 => "gcm-aes-xpn-128",
            CipherSuite::GcmAesXpn256 => "gcm-aes-xpn-256",
        }
    }

    /// The standard's name, as Annex C and Table 14-1 spell it.
    pub fn standard_name(self) -> &'static str {
        match self {
            CipherSuite::GcmAes128 => "GCM-AES-128",
            CipherSuite::GcmAes256 => "GCM-AES-256",
            CipherSuite::GcmAesXpn128 => "GCM-AES-XPN-128",
            CipherSuite::GcmAesXpn256 => "GCM-AES-XPN-256",
        }
    }
}

impl fmt::Display for CipherSuite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CipherSuite {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CipherSuite::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(s) || c.standard_name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown cipher suite {} (expected gcm-aes-128, gcm-aes-256, gcm-aes-xpn-128 or gcm-aes-xpn-256)",
                    crate::hexstr::preview(s)
                )
            })
    }
}

/// How an SA forms the 96-bit IV from a PN (14.5–14.8), fixed when the SA is installed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IvForm {
    /// GCM-AES-128/256: SCI ‖ PN (32 bits).
    Sci([u8; 8]),
    /// GCM-AES-XPN-128/256: (SSCI ‖ PN (64 bits)) XOR Salt.
    Xpn {
        ssci_xor_salt: [u8; 4],
        salt_low: u64,
    },
}

impl IvForm {
    pub fn sci(sci: Sci) -> Self {
        IvForm::Sci(sci.to_bytes())
    }

    pub fn xpn(ssci: u32, salt: &Salt) -> Self {
        let mut s = [0u8; 4];
        for (i, b) in s.iter_mut().enumerate() {
            *b = ssci.to_be_bytes()[i] ^ salt[i];
        }
        let mut low = [0u8; 8];
        low.copy_from_slice(&salt[4..]);
        IvForm::Xpn {
            ssci_xor_salt: s,
            salt_low: u64::from_be_bytes(low),
        }
    }

    /// The IV for packet number `pn` (for the 32-bit suites only the low 32 bits count).
    #[inline]
    pub fn iv(&self, pn: u64) -> [u8; 12] {
        let mut iv = [0u8; 12];
        match self {
            IvForm::Sci(sci) => {
                iv[..8].copy_from_slice(sci);
                iv[8..].copy_from_slice(&(pn as u32).to_be_bytes());
            }
            IvForm::Xpn {
                ssci_xor_salt,
                salt_low,
            } => {
                iv[..4].copy_from_slice(ssci_xor_salt);
                iv[4..].copy_from_slice(&(pn ^ salt_low).to_be_bytes());
            }
        }
        iv
    }
}

impl<'de> Deserialize<'de> for CipherSuite {
    /// From its name, as `FromStr` reads it (its error shows only a preview of the value).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::de::string(d, "cipher")?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xpn_iv_matches_annex_c() {
        // 802.1AE-2018 Annex C, C.1.3: SSCI 7A30C118, PN B0DF459C_B2C28465.
        let salt: Salt = crate::hexstr::parse_hex_array("E630E81A48DE86A21C66FA6D").unwrap();
        let iv = IvForm::xpn(0x7A30_C118, &salt).iv(0xB0DF_459C_B2C2_8465);
        assert_eq!(hex::encode_upper(iv), "9C002902F801C33EAEA47E08");
    }

    #[test]
    fn names_parse() {
        for c in CipherSuite::ALL {
            assert_eq!(c.name().parse::<CipherSuite>(), Ok(c));
            assert_eq!(c.standard_name().parse::<CipherSuite>(), Ok(c));
        }
        assert!("gcm-aes-192".parse::<CipherSuite>().is_err());
    }
}
