//! Packet number arithmetic of the receive path (802.1AE-2018 10.6.2).

/// Recover the full 64-bit PN of an XPN frame from the 32 bits its SecTAG carries and the SA's
/// lowest acceptable PN (10.6.2, Table 10-2): the upper half is the lowest PN's, plus one when the
/// lowest PN is in the upper half of its 2^32 block and the received bits are in the lower half.
/// Every PN in [lowest, lowest + 2^31] is recovered exactly; any other simply fails to validate.
#[inline]
pub fn recover_xpn(pn32: u32, lowest_pn: u64) -> u64 {
    let mut hi = lowest_pn >> 32;
    if lowest_pn & 0x8000_0000 != 0 && pn32 & 0x8000_0000 == 0 {
        hi = hi.wrapping_add(1);
    }
    (hi << 32) | pn32 as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_10_2() {
        // The four rows of 802.1AE-2018 Table 10-2 (the low half of the lowest PN does not matter).
        assert_eq!(
            recover_xpn(0x2A2B_5051, 0x0000_0007_1234_0000),
            0x0000_0007_2A2B_5051
        );
        assert_eq!(
            recover_xpn(0x2A2B_5051, 0x0000_0007_8234_0000),
            0x0000_0008_2A2B_5051
        );
        assert_eq!(
            recover_xpn(0x9A2B_5051, 0x0000_0007_8234_0000),
            0x0000_0007_9A2B_5051
        );
        assert_eq!(
            recover_xpn(0x9A2B_5051, 0x0000_0007_2234_0000),
            0x0000_0007_9A2B_5051
        );
    }

    #[test]
    fn window_of_two_to_the_31() {
        for lowest in [
            1u64,
            0x7FFF_FFFF,
            0x8000_0000,
            0x1_FFFF_FFFF,
            0xFFFF_FFFF_0000_0001,
        ] {
            for d in [0u64, 1, 0x7FFF_FFFF, 0x8000_0000] {
                let pn = lowest.wrapping_add(d);
                assert_eq!(
                    recover_xpn(pn as u32, lowest),
                    pn,
                    "lowest {lowest:#x} + {d:#x}"
                );
            }
        }
    }
}
