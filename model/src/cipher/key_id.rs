//! Key identifiers: a non-secret 128-bit name for a SAK, as `ip macsec … key ID KEY` and MKA's
//! Key Identifier (802.1X-2020 9.8: the key server's MI and a key number) give one. A card holds
//! one with each SA and reads it back, so a driver can tell the same key from a new one without
//! reading keys — and so never restart a key's PNs by mistake.

use std::fmt;

use crate::hexstr::{parse_hex, preview, ParseError};

use super::Sak;

/// A 128-bit key identifier, big-endian.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 16]);

/// Domain separation for [`KeyId::fingerprint`], so the value is of use for nothing else.
const FINGERPRINT_DOMAIN: &[u8] = b"macsec-model SAK fingerprint v1\0";

impl KeyId {
    /// From 1 to 16 octets of hex, padded with zeros on the right as Linux pads a shorter
    /// `ip macsec` key ID.
    pub fn parse(s: &str) -> Result<KeyId, ParseError> {
        let b = parse_hex(s)?;
        if b.len() > 16 {
            return Err(ParseError::NotHex(format!(
                "{} (a key ID is at most 16 octets)",
                preview(s)
            )));
        }
        let mut id = [0u8; 16];
        id[..b.len()].copy_from_slice(&b);
        Ok(KeyId(id))
    }

    /// The identifier a key gets when the configuration names none: 64 bits of SHA-256 over the
    /// key (with a domain string), then 64 zero bits. Like any key check value it lets someone
    /// who already holds a candidate key test it, nothing more; the same key always gets the
    /// same one, so a fingerprint never makes a key look new.
    pub fn fingerprint(sak: &Sak) -> KeyId {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        ctx.update(FINGERPRINT_DOMAIN);
        ctx.update(sak.as_bytes());
        let d = ctx.finish();
        let mut id = [0u8; 16];
        id[..8].copy_from_slice(&d.as_ref()[..8]);
        KeyId(id)
    }

    /// The four words a card's SA entry holds, first octet in word 0's top byte.
    pub fn words(&self) -> [u32; 4] {
        let b = &self.0;
        [0, 4, 8, 12].map(|i| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]))
    }

    pub fn from_words(w: [u32; 4]) -> KeyId {
        let mut id = [0u8; 16];
        for (i, x) in w.iter().enumerate() {
            id[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
        }
        KeyId(id)
    }

    pub fn is_zero(&self) -> bool {
        self.0 == [0; 16]
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode_upper(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_pads_and_words_round_trip() {
        let k = KeyId::parse("01").unwrap();
        assert_eq!(k.0[0], 1);
        assert_eq!(&k.0[1..], &[0; 15]);
        let k = KeyId::parse("00112233445566778899AABBCCDDEEFF").unwrap();
        assert_eq!(k.words()[0], 0x0011_2233);
        assert_eq!(KeyId::from_words(k.words()), k);
        assert!(KeyId::parse(&"00".repeat(17)).is_err());
    }

    #[test]
    fn fingerprints_tell_keys_apart_and_do_not_show_them() {
        let a = Sak::new(&[1; 16]).unwrap();
        let b = Sak::new(&[2; 16]).unwrap();
        assert_eq!(KeyId::fingerprint(&a), KeyId::fingerprint(&a.clone()));
        assert_ne!(KeyId::fingerprint(&a), KeyId::fingerprint(&b));
        let f = KeyId::fingerprint(&a);
        assert_eq!(&f.0[8..], &[0; 8]);
        assert!(!f.to_string().contains("0101010101"));
    }
}
