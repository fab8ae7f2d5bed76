//! The MACsec frame format (802.1AE-2018 clause 9), apart from any processing.
//!
//! A frame here is what a pcap holds for an Ethernet link without FCS: `DA ‖ SA ‖ rest`. An
//! unprotected frame's rest is the User Data (starting with its EtherType); a protected frame's
//! rest is the MPDU body `SecTAG ‖ Secure Data ‖ ICV`.

pub mod sectag;

pub use sectag::{BadTag, SecTag, Tci};

/// Octets of DA and SA at the start of every frame.
pub const ADDRS_LEN: usize = 12;
/// The MACsec EtherType (Table 9-1).
pub const MACSEC_ETHERTYPE: u16 = 0x88E5;
/// The ICV length of every standard cipher suite (14.5–14.8).
pub const ICV_LEN: usize = 16;
/// SecTAG length without SCI (EtherType, TCI/AN, SL, PN).
pub const SECTAG_LEN: usize = 8;
/// SecTAG length with SCI.
pub const SECTAG_SCI_LEN: usize = 16;
/// Secure Data lengths below this are written into SL (9.7).
pub const SL_LIMIT: usize = 48;

/// The EtherType (or length) field that follows the addresses, if the frame has one.
pub fn ethertype(frame: &[u8]) -> Option<u16> {
    frame
        .get(ADDRS_LEN..ADDRS_LEN + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
}

/// The source MAC address of a frame of at least 12 octets.
pub fn source_address(frame: &[u8]) -> [u8; 6] {
    let mut a = [0u8; 6];
    a.copy_from_slice(&frame[6..12]);
    a
}
