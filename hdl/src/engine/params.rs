//! The engine's build-time sizes, reported in CAPS0..CAPS2. Every width the RTL carries a slot,
//! an index or a count in comes from these, and so do the hand-written Verilog bodies: the
//! `small-tables` feature builds a second parameter set (4 receive SCs, 32 key slots), which CI
//! runs through the same lockstep scoreboard on the Verilated engine and the same lint, so a
//! width left as a literal somewhere fails there.

/// SAs per SC, one per association number (802.1AE's AN has two bits).
pub const ANS: usize = 4;
/// Receive SCs in the SC table (a CAM: every slot is compared at once).
#[cfg(not(feature = "small-tables"))]
pub const RX_SCS: usize = 16;
#[cfg(feature = "small-tables")]
pub const RX_SCS: usize = 4;
/// Receive SAs: four per SC, index = slot × 4 + AN.
pub const RX_SAS: usize = ANS * RX_SCS;
/// Key slots in the key table (the driver keeps a transmit SA's key in slots 0..3 and receive
/// SA `4 × SC + AN`'s in slot 4 + that, so at least 4 + RX_SAS).
#[cfg(not(feature = "small-tables"))]
pub const KEY_SLOTS: usize = 128;
#[cfg(feature = "small-tables")]
pub const KEY_SLOTS: usize = 32;
/// The widths the RTL carries a key slot's number, a receive SC's slot and a receive SA's index
/// in, from the sizes above (each a power of two). The GCM cores' key slots are the key table's.
pub const KEY_BITS: usize = bits_for(KEY_SLOTS);
pub const SC_BITS: usize = bits_for(RX_SCS);
pub const SA_BITS: usize = bits_for(RX_SAS);
/// A count of receive SCs, 0 ..= RX_SCS.
pub const SC_COUNT_BITS: usize = SC_BITS + 1;
/// An SA's index is its SC's slot and its AN.
pub const AN_BITS: usize = bits_for(ANS);
const _: () = assert!(SA_BITS == SC_BITS + AN_BITS);
const _: () = assert!(
    KEY_SLOTS >= ANS + RX_SAS,
    "the key table holds a key for every transmit and receive SA"
);

/// log2 of a power of two.
const fn bits_for(n: usize) -> usize {
    assert!(n.is_power_of_two());
    n.trailing_zeros() as usize
}

/// The datapath: one 16-octet beat per cycle in each direction.
pub const DATAPATH_BITS: u32 = 128;
/// The clock the design targets, and the one cycle figures are converted at: 322 MHz (the
/// 322.265625 MHz of 10/25/100G Ethernet's serial clocks), where a path between registers may
/// have about 8 LUT levels on UltraScale+ (`macsec bench --synth` reports what the netlist has
/// against each clock; the engine does not meet it yet). 16 octets per cycle at 322 MHz is
/// 41.2 Gbit/s per direction: a 40G port; 100G needs a wider beat.
pub const CLOCK_MHZ: u32 = 322;

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
