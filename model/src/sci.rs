//! The Secure Channel Identifier (802.1AE-2018 8.2.1, 9.9): a 48-bit MAC address followed by a
//! 16-bit Port Identifier, carried big-endian in the SecTAG and in the IV of the GCM-AES suites.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::hexstr::{parse_hex_array, ParseError};

/// Port Identifier of an end station's SCI when SCB is clear (9.5).
pub const PORT_ES: u16 = 0x0001;
/// Port Identifier of an end station's SCI when SCB is set (9.5).
pub const PORT_SCB: u16 = 0x0000;

/// A Secure Channel Identifier, held as the 64-bit big-endian value of its 8 octets.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Sci(pub u64);

impl Sci {
    pub fn new(address: [u8; 6], port: u16) -> Self {
        let mut b = [0u8; 8];
        b[..6].copy_from_slice(&address);
        b[6..].copy_from_slice(&port.to_be_bytes());
        Sci(u64::from_be_bytes(b))
    }

    pub fn from_bytes(b: [u8; 8]) -> Self {
        Sci(u64::from_be_bytes(b))
    }

    pub fn to_bytes(self) -> [u8; 8] {
        self.0.to_be_bytes()
    }

    pub fn address(self) -> [u8; 6] {
        let b = self.to_bytes();
        [b[0], b[1], b[2], b[3], b[4], b[5]]
    }

    pub fn port(self) -> u16 {
        self.0 as u16
    }
}

impl fmt::Display for Sci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016X}", self.0)
    }
}

impl fmt::Debug for Sci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sci({self})")
    }
}

impl FromStr for Sci {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        parse_hex_array::<8>(s).map(Sci::from_bytes)
    }
}

impl Serialize for Sci {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Sci {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::de::parsed(d, "SCI", str::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip() {
        let sci: Sci = "12153524C0895E81".parse().unwrap();
        assert_eq!(sci.address(), [0x12, 0x15, 0x35, 0x24, 0xC0, 0x89]);
        assert_eq!(sci.port(), 0x5E81);
        assert_eq!(Sci::new(sci.address(), sci.port()), sci);
        assert_eq!(sci.to_string(), "12153524C0895E81");
    }
}
