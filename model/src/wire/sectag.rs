//! The Security TAG (802.1AE-2018 9.3–9.9) and the validity checks of 9.12.

use thiserror::Error;

use super::{ADDRS_LEN, ICV_LEN, MACSEC_ETHERTYPE, SECTAG_LEN, SECTAG_SCI_LEN, SL_LIMIT};
use crate::sci::Sci;

/// The TCI bits of the SecTAG's fourth octet (9.5); the low two bits are the AN (9.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tci(pub u8);

impl Tci {
    /// Version: must be 0 (9.12 c).
    pub const V: u8 = 0x80;
    /// End Station: the SCI is the source address and a fixed port (9.5).
    pub const ES: u8 = 0x40;
    /// SCI present in the SecTAG.
    pub const SC: u8 = 0x20;
    /// Single Copy Broadcast (EPON, clause 12).
    pub const SCB: u8 = 0x10;
    /// Encryption (confidentiality).
    pub const E: u8 = 0x08;
    /// Changed Text: Secure Data differs from User Data (or a non-16-octet ICV).
    pub const C: u8 = 0x04;
    /// The association number field.
    pub const AN_MASK: u8 = 0x03;

    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
    pub fn an(self) -> u8 {
        self.0 & Self::AN_MASK
    }
}

/// A parsed (or to-be-emitted) SecTAG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecTag {
    /// TCI and AN octet.
    pub tci: Tci,
    /// Short Length: the Secure Data length when below 48, else 0.
    pub sl: u8,
    /// The 32 least significant bits of the PN.
    pub pn: u32,
    /// The SCI, present iff `tci` has SC.
    pub sci: Option<Sci>,
}

/// Why a frame with the MACsec EtherType is not a valid MPDU (9.12); it counts as InPktsBadTag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum BadTag {
    #[error("MPDU shorter than a SecTAG plus ICV")]
    TooShort,
    #[error("TCI V bit set (9.12 c)")]
    Version,
    #[error("ES or SCB set together with SC (9.12 d)")]
    EsOrScbWithSc,
    #[error("SL bits 7 and 8 not zero (9.12 e)")]
    SlReservedBits,
    #[error("SL of 48 or more (9.7)")]
    SlTooLarge,
    #[error("MPDU length does not match SL (9.12 f-i)")]
    LengthMismatch,
    #[error("E set with C clear: reserved for the KaY, never delivered (9.5)")]
    KayReserved,
}

impl SecTag {
    /// Octets this SecTAG takes on the wire, EtherType included.
    pub fn len(&self) -> usize {
        if self.sci.is_some() {
            SECTAG_SCI_LEN
        } else {
            SECTAG_LEN
        }
    }

    /// Always false: a SecTAG has at least 8 octets (here for clippy's `len` convention).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The SL value for `secure_data_len` octets of Secure Data (9.7).
    pub fn short_length(secure_data_len: usize) -> u8 {
        if secure_data_len < SL_LIMIT {
            secure_data_len as u8
        } else {
            0
        }
    }

    /// Write the SecTAG into the first [`len`](Self::len) octets of `buf`.
    pub fn emit(&self, buf: &mut [u8]) {
        buf[0..2].copy_from_slice(&MACSEC_ETHERTYPE.to_be_bytes());
        buf[2] = self.tci.0;
        buf[3] = self.sl;
        buf[4..8].copy_from_slice(&self.pn.to_be_bytes());
        if let Some(sci) = self.sci {
            buf[8..16].copy_from_slice(&sci.to_bytes());
        }
    }

    /// Parse the SecTAG of `frame` (`DA ‖ SA ‖ MPDU`, the MACsec EtherType already seen) and apply
    /// the checks of 9.12 to the whole MPDU. The MPDU counts from the EtherType.
    pub fn parse(frame: &[u8]) -> Result<SecTag, BadTag> {
        let mpdu = frame.get(ADDRS_LEN..).ok_or(BadTag::TooShort)?;
        // 9.12 a): at least 17 octets; anything shorter cannot hold the fields read below.
        if mpdu.len() < SECTAG_LEN + 9 {
            return Err(BadTag::TooShort);
        }
        let tci = Tci(mpdu[2]);
        let sl = mpdu[3];
        if tci.has(Tci::V) {
            return Err(BadTag::Version);
        }
        let sc = tci.has(Tci::SC);
        if sc && (tci.has(Tci::ES) || tci.has(Tci::SCB)) {
            return Err(BadTag::EsOrScbWithSc);
        }
        if sl & 0xC0 != 0 {
            return Err(BadTag::SlReservedBits);
        }
        if sl as usize >= SL_LIMIT {
            return Err(BadTag::SlTooLarge);
        }
        let tag_len = if sc { SECTAG_SCI_LEN } else { SECTAG_LEN };
        // 9.12 f)–i): every standard suite has a 16-octet ICV, so C only changes the ICV bound,
        // which is the same here.
        let base = tag_len + ICV_LEN;
        let ok = if sl != 0 {
            mpdu.len() == base + sl as usize
        } else {
            mpdu.len() >= base + SL_LIMIT
        };
        if !ok {
            return Err(BadTag::LengthMismatch);
        }
        if tci.has(Tci::E) && !tci.has(Tci::C) {
            return Err(BadTag::KayReserved);
        }
        let pn = u32::from_be_bytes([mpdu[4], mpdu[5], mpdu[6], mpdu[7]]);
        let sci = if sc {
            let mut b = [0u8; 8];
            b.copy_from_slice(&mpdu[8..16]);
            Some(Sci::from_bytes(b))
        } else {
            None
        };
        Ok(SecTag { tci, sl, pn, sci })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(tci: u8, sl: u8, body: usize) -> Vec<u8> {
        let mut f = vec![0xA5u8; ADDRS_LEN];
        f.extend_from_slice(&[0x88, 0xE5, tci, sl, 0, 0, 0, 1]);
        f.resize(f.len() + body, 0x5A);
        f
    }

    #[test]
    fn short_length_rules() {
        // SL = 10 → exactly 10 octets of Secure Data plus the ICV.
        assert!(SecTag::parse(&frame(0x0C, 10, 10 + 16)).is_ok());
        assert_eq!(
            SecTag::parse(&frame(0x0C, 10, 11 + 16)),
            Err(BadTag::LengthMismatch)
        );
        // SL = 0 → at least 48 octets.
        assert!(SecTag::parse(&frame(0x0C, 0, 48 + 16)).is_ok());
        assert_eq!(
            SecTag::parse(&frame(0x0C, 0, 47 + 16)),
            Err(BadTag::LengthMismatch)
        );
        assert_eq!(
            SecTag::parse(&frame(0x0C, 48, 48 + 16)),
            Err(BadTag::SlTooLarge)
        );
        assert_eq!(
            SecTag::parse(&frame(0x0C, 0x41, 1 + 16)),
            Err(BadTag::SlReservedBits)
        );
    }

    #[test]
    fn tci_rules() {
        assert_eq!(SecTag::parse(&frame(0x8C, 10, 26)), Err(BadTag::Version));
        assert_eq!(
            SecTag::parse(&frame(0x6C, 10, 34)),
            Err(BadTag::EsOrScbWithSc)
        );
        assert_eq!(
            SecTag::parse(&frame(0x3C, 10, 34)),
            Err(BadTag::EsOrScbWithSc)
        );
        assert_eq!(
            SecTag::parse(&frame(0x08, 10, 26)),
            Err(BadTag::KayReserved)
        );
        let t = SecTag::parse(&frame(0x2D, 10, 34)).unwrap();
        assert_eq!(t.tci.an(), 1);
        assert_eq!(t.len(), 16);
    }

    #[test]
    fn emit_then_parse() {
        let tag = SecTag {
            tci: Tci(Tci::SC | Tci::E | Tci::C | 2),
            sl: 0,
            pn: 0xDEAD_BEEF,
            sci: Some(Sci(0x0102_0304_0506_0708)),
        };
        let mut f = vec![0u8; ADDRS_LEN + 16 + 60 + 16];
        tag.emit(&mut f[ADDRS_LEN..]);
        assert_eq!(SecTag::parse(&f), Ok(tag));
    }
}
