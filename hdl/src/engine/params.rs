//! The engine's build-time sizes, reported in CAPS0..CAPS2.

/// SAs per SC, one per association number (802.1AE's AN has two bits).
pub const ANS: usize = 4;
/// Receive SCs in the SC table (a CAM: every slot is compared at once).
pub const RX_SCS: usize = 16;
/// Receive SAs: four per SC, index = slot × 4 + AN.
pub const RX_SAS: usize = ANS * RX_SCS;
/// Key slots in the key table.
pub const KEY_SLOTS: usize = 128;
/// The datapath: one 16-octet beat per cycle in each direction.
pub const DATAPATH_BITS: u32 = 128;
/// The clock the cycle figures are converted at: 16 octets per cycle at 800 MHz is 102.4 Gbit/s,
/// the line rate of a 100G port with room for the SecTAG and ICV.
pub const CLOCK_MHZ: u32 = 800;

/// CAPS0..CAPS2 as the engine reports them.
pub fn caps() -> [u32; 3] {
    use macsec_model::regmap::card as c;
    [
        c::CAPS0_RX_SCS.val(RX_SCS as u32)
            | c::CAPS0_TX_SAS.val(ANS as u32)
            | c::CAPS0_RX_SAS.val(ANS as u32),
        c::CAPS1_KEYS.val(KEY_SLOTS as u32) | c::CAPS1_SUITES.val(0xF) | c::CAPS1_OFFSETS.val(1),
        c::CAPS2_WIDTH.val(DATAPATH_BITS) | c::CAPS2_CLOCK.val(CLOCK_MHZ),
    ]
}
